import {
  decryptJwe, encryptJwe, formatStamp17, KeyCache, openBody, parseJson, parseStamp, readTranClock,
  requestHeaders, sealBody, stringifyJson, tranMac, tranToken, verifyTranToken,
} from '../../lib/protocol';
import { certificatePair, rsaPair } from '../support/keys';

const SECRET = 'MADE-UP-SECRET-do-not-use';

describe('X-KM-Tran-Token', () => {
  it('matches the fixed vector over an encData wrapper (protocol.md §8)', () => {
    const body = '{"encData":"eyJlbmMiOiJBMTI4R0NNIiwiYWxnIjoiUlNBLU9BRVAtMjU2In0.AAAA.BBBB.CCCC.DDDD"}';
    expect(tranMac(SECRET, body)).toBe('ejn4n2D0g2wxvyJwQjalWIGSckOvNDYCT1NYn/Fcrw0=');
    const token = tranToken(SECRET, body, '20251125143005123');
    expect(token).toBe('KMV1:20251125143005123:ejn4n2D0g2wxvyJwQjalWIGSckOvNDYCT1NYn/Fcrw0=');
    expect(token).toHaveLength(67);
  });

  it('matches the fixed vector over a plain charge body, re-serialised byte for byte', () => {
    const body = '{"sequenceId":"GW20251125000001","userId":50000104652,"amount":10000,"oneTimeToken":"9461442187322710","dcvv":"366","merchantId":"410195430033901"}';
    expect(tranMac(SECRET, body)).toBe('q3pvBOtnm5qe1IFOS/X+wlAiRs21idjmHJ1UwzqCI/g=');
    expect(stringifyJson(parseJson(body))).toBe(body);
  });

  it('signs UTF-8 bytes, so Korean text changes the MAC', () => {
    expect(tranMac(SECRET, '{"userName":"홍길동"}')).not.toBe(tranMac(SECRET, '{"userName":"홍길순"}'));
    expect(verifyTranToken(SECRET, '{"userName":"홍길동"}', tranToken(SECRET, '{"userName":"홍길동"}', '20251125143005123'))).toEqual({ ok: true, stamp17: '20251125143005123' });
  });

  it('rejects a token over other bytes and a malformed token', () => {
    const token = tranToken(SECRET, '{"a":1}', '20251125143005123');
    expect(verifyTranToken(SECRET, '{"a":1} ', token)).toEqual({ ok: false, reason: 'mac-mismatch' });
    expect(verifyTranToken(SECRET, '{"a":1}', token.replace('KMV1', 'KMV2'))).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyTranToken(SECRET, '{"a":1}', `${token}=`)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('writes the padded 67 characters and reads the unpadded 66 the header tables count (protocol.md §2.5)', () => {
    const token = tranToken(SECRET, '{"a":1}', '20251125143005123');
    expect(token).toHaveLength(67);
    expect(verifyTranToken(SECRET, '{"a":1}', token.slice(0, -1))).toEqual({ ok: true, stamp17: '20251125143005123' });
    expect(verifyTranToken(SECRET, '{"a":2}', token.slice(0, -1))).toEqual({ ok: false, reason: 'mac-mismatch' });
  });
});

describe('one clock reading', () => {
  const instant = Date.UTC(2025, 10, 25, 5, 30, 5, 123); // 14:30:05.123 KST

  it('formats KST and UTC wall clocks', () => {
    expect(formatStamp17(instant, 'KST')).toBe('20251125143005123');
    expect(formatStamp17(instant, 'UTC')).toBe('20251125053005123');
    expect(formatStamp17(Date.UTC(2025, 11, 31, 15, 0, 0, 7), 'KST')).toBe('20260101000000007');
  });

  it('derives tran time and correlation id from the same reading', () => {
    const clock = readTranClock('KST', instant);
    expect(clock.stamp17).toBe('20251125143005123');
    expect(clock.tranTime).toBe('20251125143005');
    expect(clock.correlationId).toMatch(/^251125143005-[0-9a-f]{7}$/);
    expect(clock.correlationId).toHaveLength(20);
    expect(readTranClock('KST', instant).correlationId).not.toBe(clock.correlationId);
  });

  it('parses stamps back and refuses impossible dates', () => {
    expect(parseStamp('20251125143005', 'KST')).toBe(instant - 123);
    expect(parseStamp('20251125143005123', 'KST')).toBe(instant);
    expect(parseStamp('20251325143005', 'KST')).toBeNaN();
    expect(parseStamp('2025112514300', 'KST')).toBeNaN();
    expect(() => readTranClock('PST')).toThrow(RangeError);
  });
});

describe('request headers', () => {
  it('are the documented X-KM-* set, lengths exact, token over the exact body', () => {
    const identity = { aspId: '000170000000000', accessKey: `1a2b3c4-${'0'.repeat(32)}`, secretKey: SECRET, timeZone: 'KST' };
    const clock = readTranClock('KST', Date.UTC(2025, 10, 25, 5, 30, 5, 123));
    const body = '{"userId":50000104652}';
    const headers = requestHeaders(identity, body, clock, '0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    expect(Object.keys(headers)).toEqual([
      'Content-Type', 'Accept', 'X-KM-User-AspId', 'X-KM-Correlation-Id', 'X-KM-Access-Key',
      'X-KM-Crypto-Key-Id', 'X-KM-Tran-Token', 'X-KM-Tran-Time', 'X-KM-Time-Zone',
    ]);
    expect(headers['X-KM-Access-Key']).toHaveLength(40);
    expect(headers['X-KM-Tran-Time']).toBe('20251125143005');
    expect(headers['X-KM-Tran-Token']).toBe(`KMV1:20251125143005123:${tranMac(SECRET, body)}`);
    expect(headers['X-KM-Time-Zone']).toBe('KST');
    expect(requestHeaders(identity, body, clock)).not.toHaveProperty('X-KM-Crypto-Key-Id');
  });
});

describe('JWE', () => {
  const keys = new KeyCache();

  it('encrypts requests as RSA-OAEP-256 + A128GCM with the documented header', async () => {
    const pair = rsaPair();
    const jwe = await encryptJwe('{"cardNo":"9491339401250765"}', pair.publicKey, keys);
    expect(jwe.split('.')).toHaveLength(5);
    expect(jwe.startsWith('eyJlbmMiOiJBMTI4R0NNIiwiYWxnIjoiUlNBLU9BRVAtMjU2In0.')).toBe(true);
    expect(await decryptJwe(jwe, pair.privateKey, keys)).toBe('{"cardNo":"9491339401250765"}');
  });

  it.each([
    ['RSA-OAEP', 'A128GCM'],
    ['RSA-OAEP', 'A256GCM'],
    ['RSA-OAEP-256', 'A256GCM'],
  ] as const)('decrypts answers under %s + %s, PKCS#1 private key', async (alg, enc) => {
    const pair = rsaPair('pkcs1');
    const jwe = await encryptJwe('{"balance":10000}', pair.publicKey, keys, { alg, enc });
    expect(await decryptJwe(jwe, pair.privateKey, keys)).toBe('{"balance":10000}');
  });

  it('encrypts to a platform X.509 certificate', async () => {
    const { certificate, privateKey } = certificatePair();
    const jwe = await encryptJwe('{"a":"한글"}', certificate, keys);
    expect(await decryptJwe(jwe, privateKey, keys)).toBe('{"a":"한글"}');
  });

  it('refuses a JWE with an algorithm outside the accepted set, or no JWE at all', () => {
    const pair = rsaPair();
    const jwe = encryptJwe('{}', pair.publicKey, keys);
    const forged = [Buffer.from('{"alg":"RSA1_5","enc":"A128GCM"}').toString('base64url'), ...jwe.split('.').slice(1)].join('.');
    expect(() => decryptJwe(forged, pair.privateKey, keys)).toThrow(/unsupported key-wrap/);
    const a192 = [Buffer.from('{"alg":"RSA-OAEP-256","enc":"A192GCM"}').toString('base64url'), ...jwe.split('.').slice(1)].join('.');
    expect(() => decryptJwe(a192, pair.privateKey, keys)).toThrow(/unsupported content encryption/);
    expect(() => decryptJwe('not-a-jwe', pair.privateKey, keys)).toThrow('not a compact JWE');
    expect(() => decryptJwe(`${jwe}!`, pair.privateKey, keys)).toThrow('not a compact JWE');
  });

  it('imports each key once per container, and keeps no failed import', () => {
    const pair = rsaPair();
    const cache = new KeyCache();
    expect(cache.encryptionKey(pair.publicKey)).toBe(cache.encryptionKey(pair.publicKey));
    expect(cache.decryptionKey(pair.privateKey)).toBe(cache.decryptionKey(pair.privateKey));
    expect(() => cache.encryptionKey('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----')).toThrow('not a PEM RSA public key or X.509 certificate');
    expect(() => cache.decryptionKey('nope')).toThrow('not a PEM RSA private key (PKCS#8 or PKCS#1)');
  });
});

describe('envelope', () => {
  const keys = new KeyCache();
  const first = rsaPair();
  const second = rsaPair();
  const pairs = [
    { id: 'a'.repeat(32), platformPublicKey: first.publicKey, clientPrivateKey: first.privateKey },
    { id: 'b'.repeat(32), platformPublicKey: second.publicKey, clientPrivateKey: second.privateKey },
  ];

  it('wraps a sealed body as exactly {"encData":"<JWE>"}', () => {
    const body = sealBody('{"userId":1}', first.publicKey, keys);
    expect(body).toMatch(/^\{"encData":"[A-Za-z0-9_.-]+"\}$/);
    expect(stringifyJson(parseJson(body))).toBe(body);
  });

  it('opens answers under either key of a rollover, chosen by X-KM-Crypto-Key-Id', () => {
    const underSecond = sealBody('{"response":{"code":"000_000"},"userId":9223372036854775807}', second.publicKey, keys);
    expect(openBody(underSecond, 'b'.repeat(32), pairs, keys)).toEqual({ response: { code: '000_000' }, userId: 9223372036854775807n });
    expect(openBody(underSecond, undefined, pairs, keys)).toMatchObject({ userId: 9223372036854775807n });
    expect(() => openBody(underSecond, 'a'.repeat(32), pairs, keys)).toThrow(/could not be decrypted/);
    expect(() => openBody(underSecond, 'c'.repeat(32), pairs, keys)).toThrow(/does not hold/);
  });

  it('passes plain answers through and refuses non-JSON', () => {
    expect(openBody('{"response":{"code":"007_001"}}', undefined, pairs, keys)).toEqual({ response: { code: '007_001' } });
    expect(() => openBody('<html>', undefined, pairs, keys)).toThrow(/not JSON/);
  });
});
