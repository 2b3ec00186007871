/**
 * The protocol's rules that the vectors in protocol.test.ts leave open: which answers the gateway
 * agrees to decrypt (RSA-OAEP or RSA-OAEP-256 with A128GCM or A256GCM, nothing else), that a
 * decrypted answer must be valid UTF-8, and the values of the fixed request headers. Answers are
 * sealed with `jose`, an implementation independent of lib/protocol/jwe.ts.
 */
import { CompactEncrypt, importSPKI } from 'jose';
import { decryptJwe, KeyCache, openBody, readTranClock, requestHeaders } from '../../lib/protocol';
import { rsaPair } from '../support/keys';

const keys = new KeyCache();
const pair = rsaPair();

async function sealed(plaintext: string | Uint8Array, header: { alg: string; enc: string; [name: string]: unknown }): Promise<string> {
  const bytes = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
  const key = await importSPKI(pair.publicKey, header.alg);
  return new CompactEncrypt(bytes).setProtectedHeader(header).encrypt(key);
}

describe('an encrypted answer', () => {
  it.each([
    ['RSA-OAEP', 'A128GCM'],
    ['RSA-OAEP', 'A256GCM'],
    ['RSA-OAEP-256', 'A128GCM'],
    ['RSA-OAEP-256', 'A256GCM'],
  ])('is read under %s + %s', async (alg, enc) => {
    expect(decryptJwe(await sealed('{"balance":10000}', { alg, enc }), pair.privateKey, keys)).toBe('{"balance":10000}');
  });

  it.each(['A192GCM', 'A128CBC-HS256', 'A256CBC-HS512'])('is refused as unreadable under %s, even though it decrypts', async (enc) => {
    const jwe = await sealed('{"balance":10000}', { alg: 'RSA-OAEP-256', enc });
    expect(() => decryptJwe(jwe, pair.privateKey, keys)).toThrow(new TypeError('JWE names an unsupported content encryption'));
  });

  it('is refused when its key is wrapped with RSA1_5', async () => {
    const jwe = await sealed('{}', { alg: 'RSA-OAEP-256', enc: 'A128GCM' });
    const forged = [Buffer.from('{"enc":"A128GCM","alg":"RSA1_5"}').toString('base64url'), ...jwe.split('.').slice(1)].join('.');
    expect(() => decryptJwe(forged, pair.privateKey, keys)).toThrow(new TypeError('JWE names an unsupported key-wrap algorithm'));
  });

  it('is refused when its plaintext is not valid UTF-8, never read with replacement characters', async () => {
    const invalid = Uint8Array.from([...Buffer.from('{"response":{"code":"000_000"},"userName":"'), 0xff, 0xfe, ...Buffer.from('"}')]);
    const jwe = await sealed(invalid, { alg: 'RSA-OAEP-256', enc: 'A128GCM' });
    expect(() => decryptJwe(jwe, pair.privateKey, keys)).toThrow(new TypeError('JWE plaintext is not valid UTF-8'));
    const pairs = [{ id: 'a'.repeat(32), platformPublicKey: pair.publicKey, clientPrivateKey: pair.privateKey }];
    expect(() => openBody(`{"encData":"${jwe}"}`, undefined, pairs, keys)).toThrow(/could not be decrypted/);
  });
});

describe('the fixed request headers', () => {
  it('say the body is JSON and JSON is the only answer accepted', () => {
    const identity = { aspId: '000170000000000', accessKey: `1a2b3c4-${'0'.repeat(32)}`, secretKey: 'MADE-UP-SECRET-do-not-use', timeZone: 'KST' };
    const headers = requestHeaders(identity, '{}', readTranClock('KST'));
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers.Accept).toBe('application/json');
    expect(headers['X-KM-User-AspId']).toBe('000170000000000');
    expect(headers['X-KM-Access-Key']).toBe(identity.accessKey);
  });
});
