/** Body envelope (000_107…000_109) and business validation (000_002, 000_003, 000_015). */
import { generateKeyPairSync } from 'node:crypto';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { call, encryptTo, openAnswer, rawRequest, signedHeaders, type ClientIdentity } from './support/kona-client';
import { HONG, newMember, PATHS, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
});
afterAll(() => platform.close());

const keyId = () => identity.cryptoKeys[0]!.id;
const platformKey = () => identity.cryptoKeys[0]!.platformPublicKey;

/** Sends `body` verbatim (signed) to `path`, with the crypto key id. */
async function send(path: string, body: string | Buffer) {
  return openAnswer(identity, await rawRequest(`${platform.url}${path}`, body, signedHeaders(identity, body, { cryptoKeyId: keyId() })));
}

describe('encrypted request envelope', () => {
  it('000_108 for a plain body on an API that takes encrypted requests', async () => {
    const answer = await send(PATHS.info, JSON.stringify({ userId: HONG }));
    expect([answer.status, answer.json.response.code]).toEqual([400, '000_108']);
  });

  it('000_108 when encData comes with other fields', async () => {
    const jwe = await encryptTo(platformKey(), JSON.stringify({ userId: HONG }));
    const answer = await send(PATHS.info, JSON.stringify({ encData: jwe, userId: HONG }));
    expect(answer.json.response.code).toBe('000_108');
  });

  it('000_107 when encData is not a JWE', async () => {
    const answer = await send(PATHS.info, JSON.stringify({ encData: 'not.a.jwe.at.all' }));
    expect([answer.status, answer.json.response.code]).toEqual([400, '000_107']);
  });

  it('000_107 when the JWE was sealed to another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const answer = await send(PATHS.info, JSON.stringify({ encData: await encryptTo(other, JSON.stringify({ userId: HONG })) }));
    expect(answer.json.response.code).toBe('000_107');
  });

  it('000_109 when the decrypted plaintext is not a JSON object', async () => {
    for (const plaintext of ['[1,2]', '"text"', 'not json']) {
      const answer = await send(PATHS.info, JSON.stringify({ encData: await encryptTo(platformKey(), plaintext) }));
      expect(answer.json.response.code).toBe('000_109');
    }
  });

  it.each([
    ['RSA-OAEP-256', 'A128GCM'],
    ['RSA-OAEP-256', 'A256GCM'],
    ['RSA-OAEP', 'A128GCM'],
    ['RSA-OAEP', 'A256GCM'],
  ])('decrypts requests sealed with %s + %s', async (alg, enc) => {
    const answer = await call(platform.url, identity, PATHS.info, { userId: HONG }, { encrypt: true, alg, enc });
    expect(answer.json.response.code).toBe('000_000');
  });

  it('records the decrypted business JSON next to the wire body', async () => {
    await call(platform.url, identity, PATHS.info, { userId: HONG }, { encrypt: true });
    const last = platform.requests.last()!;
    expect(JSON.parse(last.body)).toEqual({ encData: expect.any(String) });
    expect(last.plaintext).toBe(`{"userId":${HONG}}`);
  });
});

describe('plain request body', () => {
  it('000_109 for a body that is not a JSON object', async () => {
    for (const body of ['', 'userId=1', '[{"userId":1}]', 'null', '{"userId":1']) {
      const answer = await send(PATHS.accounts, body);
      expect([answer.status, answer.json.response.code]).toEqual([400, '000_109']);
    }
  });

  it('000_109 for a body that is not UTF-8', async () => {
    const answer = await send(PATHS.accounts, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(answer.json.response.code).toBe('000_109');
  });

  it('also accepts an encData body on a plain API (the platform is lenient there)', async () => {
    const answer = await call(platform.url, identity, PATHS.accounts, { userId: HONG }, { encrypt: true });
    expect(answer.json.response.code).toBe('000_000');
  });

  it('takes a request in clear without X-KM-Crypto-Key-Id and seals the encrypted answer to the first key (protocol.md §3.4)', async () => {
    const answer = await call(platform.url, identity, PATHS.accounts, { userId: HONG }, { overrides: { 'X-KM-Crypto-Key-Id': undefined } });
    expect(answer.json.response.code).toBe('000_000');
    expect(answer.jwe).toBeDefined();
    expect(answer.headers['x-km-crypto-key-id']).toBe(identity.cryptoKeys[0]!.id);
  });
});

describe('business validation names the field', () => {
  const register = (fields: Record<string, unknown>) => call(platform.url, identity, PATHS.register, fields, { encrypt: true });

  it.each<[string, string, Record<string, unknown> | string, string, string]>([
    ['missing userId', PATHS.info, {}, '000_003', 'userId'],
    ['userId null', PATHS.info, { userId: null }, '000_003', 'userId'],
    ['userId not a number', PATHS.info, { userId: 'abc' }, '000_002', 'userId'],
    ['userId 0', PATHS.info, { userId: 0 }, '000_002', 'userId'],
    ['userId 20 digits', PATHS.info, '{"userId":12345678901234567890}', '000_002', 'userId'],
  ])('%s', async (_case, path, fields, code, field) => {
    const answer = await call(platform.url, identity, path, fields, { encrypt: true });
    expect([answer.status, answer.json.response.code]).toEqual([400, code]);
    expect(answer.json.response.description).toMatch(new RegExp(`: ${field}$`));
  });

  it('ignores fields the catalog does not know, at any depth, and the behaviour never sees them (sandbox/platform/rules.ts)', async () => {
    const answer = await call(platform.url, identity, PATHS.info, { userId: HONG, extra: 1 }, { encrypt: true });
    expect(answer.json.response.code).toBe('000_000');
    const registered = await call(platform.url, identity, PATHS.register, newMember({
      addressInfo: { address: '서울', zipCode: '04524', building: 'B' }, favouriteColour: 'blue',
    }), { encrypt: true });
    expect(registered.json.response.code).toBe('000_000');
    const member = platform.state.member(BigInt(registered.json.userId as number))!;
    expect(member.addressInfo).toEqual({ address: '서울', zipCode: '04524' });
    expect(member).not.toHaveProperty('favouriteColour');
  });

  it('still validates the known fields next to unknown ones', async () => {
    const answer = await call(platform.url, identity, PATHS.info, { userId: 'abc', extra: 1 }, { encrypt: true });
    expect(answer.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: userId' });
  });

  it('describes an invalid value as "Invalid input parameter: <field>"', async () => {
    const answer = await call(platform.url, identity, PATHS.accounts, { userId: 1_000_000_000_000_000 });
    expect(answer.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: userId' });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['missing loginId', { loginId: undefined }, '000_003', 'loginId'],
    ['loginPassword of 5 digits', { loginPassword: '12345' }, '000_015', 'loginPassword'],
    ['loginPassword of letters', { loginPassword: 'abcdef' }, '000_002', 'loginPassword'],
    ['ci of 87 characters', { ci: 'A'.repeat(87) }, '000_015', 'ci'],
    ['birthDate of 7 digits', { birthDate: '1990011' }, '000_015', 'birthDate'],
    ['birthDate month 13', { birthDate: '19901301' }, '000_002', 'birthDate'],
    ['nationality not in the list', { nationality: 'Martian' }, '000_002', 'nationality'],
    ['email without @', { email: 'nobody.example.com' }, '000_002', 'email'],
    ['zipCode of 4 digits', { addressInfo: { address: '서울', zipCode: '1234' } }, '000_002', 'addressInfo/zipCode'],
    ['address missing', { addressInfo: { zipCode: '04524' } }, '000_003', 'addressInfo/address'],
  ])('register: %s', async (_case, overrides, code, field) => {
    const fields = newMember(overrides);
    for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete fields[name];
    const answer = await register(fields);
    expect([answer.status, answer.json.response.code]).toEqual([400, code]);
    expect(answer.json.response.description).toMatch(new RegExp(`: ${field}$`));
  });
});
