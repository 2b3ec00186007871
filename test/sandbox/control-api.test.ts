/** The sandbox control API under /__sandbox, and the same on the handle. */
import type { PlatformHandle } from '../../sandbox/platform/server';
import { REQUEST_LOG_CAPACITY } from '../../sandbox/platform/request-log';
import { call, type ClientIdentity } from './support/kona-client';
import { controlCall, HONG, newMember, PATHS, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

const control = (method: string, path: string, body?: unknown) => controlCall(platform, method, path, body);

it('reports health and the operations it implements', async () => {
  const { status, json } = await control('GET', '/health');
  expect(status).toBe(200);
  expect(json.status).toBe('ok');
  expect(json.operations).toEqual(expect.arrayContaining([{ id: 'userRegister', path: PATHS.register, implemented: true }]));
  expect(json.operations.every((op: { implemented: boolean }) => op.implemented)).toBe(true);
});

it('records requests (lower-cased headers, raw body, answered code), newest last, and clears them', async () => {
  await call(platform.url, identity, PATHS.accounts, { userId: HONG });
  await call(platform.url, identity, PATHS.accounts, { userId: 1 });
  const { json } = await control('GET', '/requests');
  expect(json.requests).toHaveLength(2);
  const [first, second] = json.requests;
  expect(first).toMatchObject({ method: 'POST', path: `/open-api${PATHS.accounts}`, body: `{"userId":${HONG}}`, status: 200, code: '000_000' });
  expect(first.headers['x-km-access-key']).toBe(identity.accessKey);
  expect(second).toMatchObject({ status: 400, code: '001_006' });
  expect(platform.requests.list().map((entry) => entry.code)).toEqual(['000_000', '001_006']);

  expect((await control('DELETE', '/requests')).json).toEqual({ cleared: 2 });
  expect((await control('GET', '/requests')).json.requests).toEqual([]);
});

it(`keeps the newest ${REQUEST_LOG_CAPACITY} requests`, async () => {
  for (let i = 0; i < REQUEST_LOG_CAPACITY + 3; i++) {
    platform.requests.record({ at: '', method: 'POST', path: `/${i}`, headers: {}, body: '', status: 200, code: '000_000', description: '' });
  }
  const list = platform.requests.list();
  expect(list).toHaveLength(REQUEST_LOG_CAPACITY);
  expect(list.at(-1)!.path).toBe(`/${REQUEST_LOG_CAPACITY + 2}`);
  expect(list[0]!.path).toBe('/3');
});

it('resets members, ids and the request record', async () => {
  const registered = await call(platform.url, identity, PATHS.register, newMember(), { encrypt: true });
  const userId = registered.json.userId as number;
  expect((await control('POST', '/reset')).status).toBe(200);
  expect(platform.state.member(BigInt(userId))).toBeUndefined();
  expect(platform.state.member(BigInt(HONG))?.userName).toBe('홍길동');
  expect(platform.requests.size).toBe(0);
  const again = await call(platform.url, identity, PATHS.register, newMember(), { encrypt: true });
  expect(again.json.userId).toBe(userId);
});

describe('POST /__sandbox/members/:userId/accounts', () => {
  it('adds an auto-recharge account', async () => {
    const { status, json } = await control('POST', `/members/${HONG}/accounts`, { kind: 'auto', bankAccount: '12345678', bankCode: '081', bankName: '하나' });
    expect(status).toBe(201);
    expect(json).toMatchObject({ userId: HONG, kind: 'auto' });
    expect(platform.state.member(BigInt(HONG))?.accounts.auto).toEqual({ bankAccount: '12345678', bankCode: '081', bankName: '하나' });
    const answer = await call(platform.url, identity, PATHS.accounts, { userId: HONG });
    expect(answer.json.isAutoRcgAccRegAllowed).toBe(false);
  });

  it.each([
    ['unknown member', '/members/1/accounts', { kind: 'normal', bankAccount: '1', bankCode: '004', bankName: 'KB국민' }, 404],
    ['bad kind', `/members/${HONG}/accounts`, { kind: 'other', bankAccount: '1', bankCode: '004', bankName: 'KB국민' }, 400],
    ['bank code of 2 characters', `/members/${HONG}/accounts`, { kind: 'normal', bankAccount: '1', bankCode: '04', bankName: 'KB국민' }, 400],
    ['userId not digits', '/members/abc/accounts', { kind: 'normal', bankAccount: '1', bankCode: '004', bankName: 'KB국민' }, 400],
  ])('refuses %s', async (_case, path, body, status) => {
    expect((await control('POST', path, body)).status).toBe(status);
  });
});

it('answers 404 for an unknown control route', async () => {
  expect((await control('GET', '/nothing')).status).toBe(404);
});
