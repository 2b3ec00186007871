/** The common X-KM-* headers (protocol.md §1.1) and the designed auth codes 000_101…000_106, 000_110 (protocol.md §4.4). */
import type { PlatformHandle } from '../../sandbox/platform/server';
import { call, encryptTo, openAnswer, rawRequest, signedHeaders, stamp17, type ClientIdentity } from './support/kona-client';
import { HONG, PATHS, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
});
afterAll(() => platform.close());

/** A correctly encrypted and signed member-info request, with headers then changed as asked. */
async function memberInfo(overrides: Record<string, string | undefined> = {}, sign: { epochMs?: number; timeZone?: string } = {}) {
  return call(platform.url, identity, PATHS.info, { userId: HONG }, { encrypt: true, overrides, ...sign });
}

it('answers a correct request 200 000_000 with the correlation id echoed', async () => {
  const body = JSON.stringify({ encData: await encryptTo(identity.cryptoKeys[0]!.platformPublicKey, JSON.stringify({ userId: HONG })) });
  const headers = signedHeaders(identity, body, { cryptoKeyId: identity.cryptoKeys[0]!.id });
  const answer = await openAnswer(identity, await rawRequest(`${platform.url}${PATHS.info}`, body, headers));
  expect(answer.status).toBe(200);
  expect(answer.json.response).toEqual({ code: '000_000', description: 'Success.' });
  expect(answer.headers['x-km-correlation-id']).toBe(headers['X-KM-Correlation-Id']);
  expect(answer.headers['content-type']).toBe('application/json');
});

describe('000_101 names the header that is missing or malformed', () => {
  const now = Date.now();
  const time = stamp17(now);
  const cases: Array<[string, string, string | undefined]> = [
    ['X-KM-User-AspId', 'missing', undefined],
    ['X-KM-User-AspId', '14 chars', '00017000000000'],
    ['X-KM-User-AspId', '16 chars', '0001700000000000'],
    ['X-KM-Correlation-Id', 'missing', undefined],
    ['X-KM-Correlation-Id', '6 hex', `${time.slice(2, 14)}-abcde1`],
    ['X-KM-Correlation-Id', '21 characters (milliseconds kept)', `${time.slice(2, 15)}-abcdef1`],
    ['X-KM-Correlation-Id', 'not hex', `${time.slice(2, 14)}-abcdefg`],
    ['X-KM-Access-Key', 'missing', undefined],
    ['X-KM-Access-Key', '39 chars', 'a'.repeat(39)],
    ['X-KM-Crypto-Key-Id', 'missing on an API that takes its request encrypted', undefined],
    ['X-KM-Crypto-Key-Id', '31 chars', 'f'.repeat(31)],
    ['X-KM-Tran-Token', 'missing', undefined],
    ['X-KM-Tran-Token', 'no KMV1 prefix', `KMV2:${time}:${'A'.repeat(43)}=`],
    ['X-KM-Tran-Token', 'MAC in hex', `KMV1:${time}:${'a1'.repeat(32)}`],
    ['X-KM-Tran-Token', '16-digit time', `KMV1:${time.slice(0, 16)}:${'A'.repeat(43)}=`],
    ['X-KM-Tran-Time', 'missing', undefined],
    ['X-KM-Tran-Time', '17 digits', time],
    ['X-KM-Tran-Time', 'month 13', `${time.slice(0, 4)}13${time.slice(6, 14)}`],
    ['X-KM-Time-Zone', 'missing', undefined],
    ['X-KM-Time-Zone', 'unsupported label', 'PST'],
    ['X-KM-Time-Zone', 'zone name instead of label', 'Asia/Seoul'],
    ['Content-Type', 'text/plain', 'text/plain'],
    ['Content-Type', 'missing', undefined],
  ];

  it.each(cases)('%s: %s', async (header, _case, value) => {
    const answer = await memberInfo({ [header]: value }, { epochMs: now });
    expect(answer.status).toBe(400);
    expect(answer.json.response.code).toBe('000_101');
    expect(answer.json.response.description).toContain(header);
  });

  it('accepts application/json with charset=UTF-8 or other parameters, and refuses another charset', async () => {
    for (const contentType of ['application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json; version=1']) {
      expect((await memberInfo({ 'Content-Type': contentType })).json.response.code).toBe('000_000');
    }
    expect((await memberInfo({ 'Content-Type': 'application/json; charset=EUC-KR' })).json.response.code).toBe('000_101');
  });

  it('does not echo a malformed correlation id', async () => {
    const answer = await memberInfo({ 'X-KM-Correlation-Id': 'not-a-correlation-id' });
    expect(answer.json.response.code).toBe('000_101');
    expect(answer.headers['x-km-correlation-id']).toBeUndefined();
  });
});

describe('what no page forbids is accepted (sandbox/platform/rules.ts)', () => {
  it('a correlation id with uppercase hex, echoed as sent', async () => {
    const time = stamp17(Date.now());
    const correlationId = `${time.slice(2, 14)}-ABCDEF1`;
    const answer = await memberInfo({ 'X-KM-Correlation-Id': correlationId });
    expect(answer.json.response.code).toBe('000_000');
    expect(answer.headers['x-km-correlation-id']).toBe(correlationId);
  });

  it('three clock readings that disagree: correlation id, token time and X-KM-Tran-Time a second or more apart', async () => {
    const now = Date.now();
    const answer = await memberInfo({
      'X-KM-Correlation-Id': `${stamp17(now - 1000).slice(2, 14)}-abcdef1`,
      'X-KM-Tran-Time': stamp17(now + 1000).slice(0, 14),
    }, { epochMs: now });
    expect(answer.json.response.code).toBe('000_000');
  });

  it('a token without its = padding (the 66 characters of the header tables), if its MAC is right', async () => {
    const body = JSON.stringify({ encData: await encryptTo(identity.cryptoKeys[0]!.platformPublicKey, JSON.stringify({ userId: HONG })) });
    const headers = signedHeaders(identity, body, { cryptoKeyId: identity.cryptoKeys[0]!.id });
    const unpadded = headers['X-KM-Tran-Token']!.replace(/=$/, '');
    expect(unpadded).toHaveLength(66);
    const accepted = await openAnswer(identity, await rawRequest(`${platform.url}${PATHS.info}`, body, { ...headers, 'X-KM-Tran-Token': unpadded }));
    expect(accepted.json.response.code).toBe('000_000');
    const wrongMac = `${unpadded.slice(0, -2)}${unpadded.endsWith('AA') ? 'BA' : 'AA'}`;
    const refused = await openAnswer(identity, await rawRequest(`${platform.url}${PATHS.info}`, body, { ...headers, 'X-KM-Tran-Token': wrongMac }));
    expect(refused.json.response.code).toBe('000_104');
  });

  it('no Accept header', async () => {
    expect((await memberInfo({ Accept: undefined })).json.response.code).toBe('000_000');
  });
});

describe('identity and integrity', () => {
  it('000_102 for an unknown access key (HTTP 401)', async () => {
    const answer = await memberInfo({ 'X-KM-Access-Key': `abcdef0-${'0'.repeat(32)}` });
    expect([answer.status, answer.json.response.code]).toEqual([401, '000_102']);
  });

  it('000_103 for an ASP ID that is not the project\'s (HTTP 401)', async () => {
    const answer = await memberInfo({ 'X-KM-User-AspId': '000170000000999' });
    expect([answer.status, answer.json.response.code]).toEqual([401, '000_103']);
  });

  it('000_104 when the body is altered by one byte after signing (HTTP 401)', async () => {
    const answer = await call(platform.url, identity, PATHS.info, { userId: HONG }, {
      encrypt: true,
      // One character of the JWE changed: the HMAC must fail before anything is decrypted.
      tamper: (body) => {
        const at = body.length - 10;
        return body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1);
      },
    });
    expect([answer.status, answer.json.response.code]).toEqual([401, '000_104']);
  });

  it('000_104 when the token was made with another secret', async () => {
    const answer = await call(platform.url, { ...identity, secretKey: 'not-the-secret' }, PATHS.info, { userId: HONG }, { encrypt: true });
    expect(answer.json.response.code).toBe('000_104');
  });

  it('000_104 when the body was re-serialised after signing (same JSON, other bytes)', async () => {
    const fields = '{"userId": 50000104652}';
    const answer = await call(platform.url, identity, PATHS.accounts, fields, { tamper: (body) => JSON.stringify(JSON.parse(body)) });
    expect(answer.json.response.code).toBe('000_104');
  });

  it('000_105 when the tran time is more than 5 minutes off (HTTP 401), either way', async () => {
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const answer = await memberInfo({}, { epochMs: Date.now() + offset });
      expect([answer.status, answer.json.response.code]).toEqual([401, '000_105']);
    }
  });

  it('reads the tran time in the zone it names', async () => {
    expect((await memberInfo({}, { timeZone: 'UTC' })).json.response.code).toBe('000_000');
    expect((await memberInfo({}, { timeZone: 'GMT' })).json.response.code).toBe('000_000');
    // Korean wall-clock time labelled UTC is nine hours in the future.
    const answer = await memberInfo({ 'X-KM-Time-Zone': 'UTC' }, { timeZone: 'KST' });
    expect(answer.json.response.code).toBe('000_105');
  });

  it('000_106 for an unknown crypto key id (HTTP 401)', async () => {
    const answer = await memberInfo({ 'X-KM-Crypto-Key-Id': '0123456789abcdef0123456789abcdef' });
    expect([answer.status, answer.json.response.code]).toEqual([401, '000_106']);
  });
});

describe('000_110 for what is not an API (HTTP 404)', () => {
  it.each([
    ['unknown path', 'POST', `/open-api/api/v1/user/nothing`],
    ['known path without the /open-api prefix', 'POST', PATHS.info],
    ['known path with a trailing slash', 'POST', `/open-api${PATHS.info}/`],
    ['GET on a known path', 'GET', `/open-api${PATHS.info}`],
  ])('%s', async (_case, method, path) => {
    const body = '{}';
    const origin = platform.url.replace(/\/open-api$/, '');
    const raw = await rawRequest(`${origin}${path}`, method === 'GET' ? '' : body, signedHeaders(identity, body), method);
    const answer = JSON.parse(raw.text) as { response: { code: string } };
    expect([raw.status, answer.response.code]).toEqual([404, '000_110']);
  });
});
