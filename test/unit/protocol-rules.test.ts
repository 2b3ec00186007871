/**
 * The protocol's rules that the vectors in protocol.test.ts leave open: which answers the gateway
 * agrees to decrypt (RSA-OAEP or RSA-OAEP-256 with A128GCM or A256GCM, nothing else), that a
 * decrypted answer must be valid UTF-8, and the values of the fixed request headers. Answers are
 * sealed with `jose`, an implementation independent of lib/protocol/jwe.ts.
 */
import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { CompactEncrypt, importSPKI } from 'jose';
import {
  decryptJwe, encryptJwe, formatStamp17, KeyCache, openBody, readTranClock, requestHeaders, tranMac, verifyTranToken, zoneOffsetMinutes,
} from '../../lib/protocol';
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

describe('an encrypted answer that is malformed is refused, saying how', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const jwe = () => encryptJwe('{"balance":10000}', pair.publicKey, keys);
  const withPart = (index: number, part: string) => jwe().split('.').map((p, i) => (i === index ? part : p)).join('.');

  it.each([
    ['a header that is not JSON', () => withPart(0, b64('{"alg":')), 'JWE header is not JSON'],
    ['a header that is a JSON array', () => withPart(0, b64('["RSA-OAEP-256","A128GCM"]')), 'JWE header is not a JSON object'],
    ['a header that is null', () => withPart(0, b64('null')), 'JWE header is not a JSON object'],
    ['a header that is a JSON string', () => withPart(0, b64('"RSA-OAEP-256"')), 'JWE header is not a JSON object'],
    ['compression (zip)', () => withPart(0, b64('{"enc":"A128GCM","alg":"RSA-OAEP-256","zip":"DEF"}')), 'JWE uses unsupported header parameters (zip, crit)'],
    ['a critical extension (crit)', () => withPart(0, b64('{"enc":"A128GCM","alg":"RSA-OAEP-256","crit":["exp"]}')), 'JWE uses unsupported header parameters (zip, crit)'],
    ['an 8-byte initialisation vector', () => withPart(2, randomBytes(8).toString('base64url')), 'JWE initialisation vector or tag of the wrong length'],
    ['a 12-byte tag', () => withPart(4, randomBytes(12).toString('base64url')), 'JWE initialisation vector or tag of the wrong length'],
    ['a changed ciphertext', () => withPart(3, randomBytes(17).toString('base64url')), 'JWE does not authenticate (tampered, or sealed to another key)'],
  ])('%s', (_what, forged, message) => {
    expect(() => decryptJwe(forged(), pair.privateKey, keys)).toThrow(new TypeError(message));
  });

  it('a content key of 24 bytes under A128GCM (16 expected)', () => {
    const header = b64('{"enc":"A128GCM","alg":"RSA-OAEP-256"}');
    const cek = randomBytes(24);
    const iv = randomBytes(12);
    const wrapped = publicEncrypt({ key: pair.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
    const cipher = createCipheriv('aes-192-gcm', cek, iv);
    cipher.setAAD(Buffer.from(header, 'ascii'));
    const ciphertext = Buffer.concat([cipher.update('{}', 'utf8'), cipher.final()]);
    const forged = [header, wrapped, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    expect(() => decryptJwe(forged, pair.privateKey, keys)).toThrow(new TypeError('JWE content key of the wrong length'));
  });

  it('sealed to another key cannot be unwrapped; a private key that is no PEM key is refused as such', () => {
    const other = rsaPair();
    const sealedToOther = encryptJwe('{}', other.publicKey, keys);
    expect(() => decryptJwe(sealedToOther, pair.privateKey, keys)).toThrow(new TypeError('JWE content key cannot be unwrapped with this private key'));
    expect(() => decryptJwe(jwe(), 'not a key', keys)).toThrow(new TypeError('not a PEM RSA private key (PKCS#8 or PKCS#1)'));
  });

  it('a private key that is not RSA is refused as such', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(() => decryptJwe(jwe(), ec.privateKey, keys)).toThrow(new TypeError('key is not an RSA key'));
  });
});

describe('an answer that is not exactly {"encData": "<string>"}', () => {
  it.each([
    ['{"encData":"eyJ","response":{"code":"000_000"}}', { encData: 'eyJ', response: { code: '000_000' } }],
    ['{"encData":5}', { encData: 5 }],
    ['{"encData":null}', { encData: null }],
    ['["eyJ"]', ['eyJ']],
    ['"eyJ"', 'eyJ'],
  ])('%s is read as plain JSON, never decrypted', (text, parsed) => {
    expect(openBody(text, undefined, [], keys)).toEqual(parsed);
  });

  it('and one that is not JSON at all is an EnvelopeError, as the logs name it', () => {
    expect(() => openBody('<html>maintenance</html>', undefined, [], keys)).toThrow(expect.objectContaining({ name: 'EnvelopeError', message: 'answer is not JSON' }));
  });
});

describe('the clock', () => {
  it('knows the offset of each zone label the platform accepts, and refuses any other', () => {
    expect([zoneOffsetMinutes('KST'), zoneOffsetMinutes('UTC'), zoneOffsetMinutes('GMT'), zoneOffsetMinutes('PST')]).toEqual([540, 0, 0, undefined]);
    expect(() => formatStamp17(0, 'PST')).toThrow(new RangeError('unsupported time zone label PST'));
  });
});

describe('the tran token', () => {
  it('is the same over a body given as text or as the bytes received', () => {
    const body = '{"userName":"규칙"}';
    expect(tranMac('MADE-UP-SECRET', Buffer.from(body, 'utf8'))).toBe(tranMac('MADE-UP-SECRET', body));
    const token = `KMV1:20251125143005123:${tranMac('MADE-UP-SECRET', body)}`;
    expect(verifyTranToken('MADE-UP-SECRET', new Uint8Array(Buffer.from(body, 'utf8')), token)).toEqual({ ok: true, stamp17: '20251125143005123' });
    expect(verifyTranToken('MADE-UP-SECRET', Buffer.from(`${body} `, 'utf8'), token)).toEqual({ ok: false, reason: 'mac-mismatch' });
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
