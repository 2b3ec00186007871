/** The drift switch (POST /__sandbox/drift): answers made to differ from the catalog on purpose. */
import { parseStamp } from '../../lib/protocol/clock';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { call, type ClientIdentity } from './support/kona-client';
import { controlCall, HONG, newMember, PATHS, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

const TERMS = '/api/v1/user/terms/all';

const control = (method: string, body?: unknown) => controlCall(platform, method, '/drift', body);
const drift = async (kinds: unknown[], operations?: string[]) => {
  const answer = await control('POST', { kinds, ...(operations && { operations }) });
  expect(answer.status).toBe(201);
};
const memberInfo = () => call(platform.url, identity, PATHS.info, { userId: HONG }, { encrypt: true });
const accounts = () => call(platform.url, identity, PATHS.accounts, { userId: HONG });
const terms = () => call(platform.url, identity, TERMS, { userId: HONG });

describe('field drifts edit a successful answer before it is sealed', () => {
  it('extra-field adds a field, at the top or inside an object', async () => {
    await drift(['extra-field', { kind: 'extra-field', field: 'userInfo/nickname', value: 'gildong' }]);
    const answer = await memberInfo();
    expect(answer.jwe).toBeDefined();
    expect(answer.json.driftExtra).toBe('drift');
    expect((answer.json.userInfo as Record<string, unknown>).nickname).toBe('gildong');
  });

  it('missing-field drops the first top-level field by default, or the one named', async () => {
    await drift(['missing-field'], ['bankAccountInquiry']);
    expect(Object.keys((await accounts()).json)).toEqual(['response', 'isAutoRcgAccRegAllowed']);
    await drift([{ kind: 'missing-field', field: 'userInfo/email' }], ['memberInfo']);
    expect((await memberInfo()).json.userInfo).not.toHaveProperty('email');
  });

  it('renamed-field moves the value to another name', async () => {
    await drift([{ kind: 'renamed-field', field: 'userInfo/email', to: 'emailAddress' }]);
    const info = (await memberInfo()).json.userInfo as Record<string, unknown>;
    expect(info).not.toHaveProperty('email');
    expect(info.emailAddress).toBe('gildong@example.com');
  });

  it('retyped-field, overlong-field and set-field change type, length and value', async () => {
    await drift([
      { kind: 'retyped-field', field: 'userInfo/userId' },
      { kind: 'overlong-field', field: 'userInfo/loginId' },
      { kind: 'set-field', field: 'userInfo/gender', value: 'M' },
    ]);
    const info = (await memberInfo()).json.userInfo as Record<string, unknown>;
    expect(info.userId).toBe(String(HONG));
    expect(info.loginId).toHaveLength(81);
    expect(info.gender).toBe('M');
  });

  it('* reaches every item of a list', async () => {
    await drift([{ kind: 'missing-field', field: 'termsList/*/title' }]);
    const list = (await terms()).json.termsList as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((item) => !('title' in item))).toBe(true);
  });
});

describe('drifts of the answer as a whole', () => {
  it('result-code answers a code no table lists instead of running the operation', async () => {
    await drift(['result-code'], ['userRegister']);
    const member = newMember();
    const answer = await call(platform.url, identity, PATHS.register, member, { encrypt: true });
    expect([answer.status, answer.json.response.code]).toEqual([400, '999_999']);
    expect(platform.state.memberByLoginId(member.loginId as string)).toBeUndefined();
    expect(platform.requests.last()).toMatchObject({ code: '999_999', committed: false, drift: ['result-code'] });
  });

  it('http-status sends the same answer under another status', async () => {
    await drift([{ kind: 'http-status', status: 201 }]);
    const answer = await accounts();
    expect([answer.status, answer.json.response.code]).toEqual([201, '000_000']);
  });

  it('encrypted-answer seals an answer the catalog sends in clear, to the first key when the request named none', async () => {
    await drift(['encrypted-answer'], [TERMS]);
    const answer = await call(platform.url, identity, TERMS, { userId: HONG }, { overrides: { 'X-KM-Crypto-Key-Id': undefined } });
    expect(answer.jwe).toBeDefined();
    expect(answer.headers['x-km-crypto-key-id']).toBe(identity.cryptoKeys[0]!.id);
    expect(answer.json.response.code).toBe('000_000');
  });

  it('plain-answer sends in clear an answer the catalog seals', async () => {
    await drift(['plain-answer']);
    const answer = await memberInfo();
    expect(answer.jwe).toBeUndefined();
    expect(answer.headers['x-km-crypto-key-id']).toBeUndefined();
    expect(answer.json.userInfo).toBeDefined();
  });

  it('time-zone labels the answer and writes its Korean-time fields on that zone\'s clock', async () => {
    const before = (await terms()).json.termsList as Array<{ agreeDate?: string }>;
    await drift([{ kind: 'time-zone', label: 'UTC' }]);
    const answer = await terms();
    const after = answer.json.termsList as Array<{ agreeDate?: string }>;
    expect(answer.headers['x-km-time-zone']).toBe('UTC');
    const dated = before.findIndex((item) => item.agreeDate);
    expect(dated).toBeGreaterThanOrEqual(0);
    expect(parseStamp(after[dated]!.agreeDate!, 'UTC')).toBe(parseStamp(before[dated]!.agreeDate!, 'KST'));
    expect(after[dated]!.agreeDate).not.toBe(before[dated]!.agreeDate);
  });
});

describe('the switch', () => {
  it('acts only on the operations named, until cleared or reset', async () => {
    await drift(['extra-field'], ['memberInfo']);
    expect((await accounts()).json).not.toHaveProperty('driftExtra');
    expect((await memberInfo()).json).toHaveProperty('driftExtra');
    expect((await control('GET')).json.drift).toEqual([{ drift: { kind: 'extra-field' }, operations: ['memberInfo'] }]);
    expect((await control('DELETE')).json).toEqual({ cleared: 1 });
    expect((await memberInfo()).json).not.toHaveProperty('driftExtra');
    await drift(['extra-field']);
    platform.reset();
    expect((await memberInfo()).json).not.toHaveProperty('driftExtra');
  });

  it('leaves refusals alone', async () => {
    await drift(['extra-field', 'encrypted-answer']);
    const answer = await call(platform.url, identity, PATHS.accounts, { userId: 1 });
    expect(answer.json).toEqual({ response: { code: '001_006', description: expect.any(String) } });
    expect(answer.jwe).toBeUndefined();
  });

  it.each<[unknown, string]>([
    [{ kinds: [] }, 'kinds must be a non-empty array'],
    [{ kinds: ['sideways'] }, 'each drift must be one of'],
    [{ kinds: [{ kind: 'set-field', field: 'a' }] }, 'set-field: value is required'],
    [{ kinds: [{ kind: 'missing-field', field: '/a' }] }, 'missing-field: field must be a pointer'],
    [{ kinds: [{ kind: 'http-status', status: 99 }] }, 'http-status: status must be an HTTP status'],
    [{ kinds: [{ kind: 'result-code', code: '7' }] }, 'result-code: code must be NNN_NNN'],
    [{ kinds: [{ kind: 'time-zone', label: 'JST' }] }, 'time-zone: offsetMinutes is required for JST'],
    [{ kinds: ['extra-field'], operations: ['nothing'] }, 'operations: nothing is not a catalog op id or path'],
  ])('refuses %j naming the problem', async (body, message) => {
    const answer = await control('POST', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain(message);
  });
});
