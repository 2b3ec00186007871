/**
 * Message encryption (protocol.md §3.2, §3.4): RFC 7516 compact JWE on node:crypto, synchronously.
 * Requests use RSA-OAEP-256 + A128GCM to the platform key; answers may use RSA-OAEP or
 * RSA-OAEP-256 with A128GCM or A256GCM, read from the JWE header, and nothing else (no A192GCM,
 * no CBC-HMAC, no compression, no critical extensions). The sandbox checks every message with an
 * independent implementation (`jose`, sandbox/platform/compact-jwe.ts).
 */
import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { KEY_WRAP_ALGORITHMS, type KeyCache, type KeyWrapAlgorithm } from './keys';

export type ContentEncryption = 'A128GCM' | 'A256GCM';

export const REQUEST_ALG: KeyWrapAlgorithm = 'RSA-OAEP-256';
export const REQUEST_ENC: ContentEncryption = 'A128GCM';

const OAEP_HASH: Record<KeyWrapAlgorithm, string> = { 'RSA-OAEP': 'sha1', 'RSA-OAEP-256': 'sha256' };
const CIPHER: Record<ContentEncryption, { name: 'aes-128-gcm' | 'aes-256-gcm'; keyBytes: number }> = {
  A128GCM: { name: 'aes-128-gcm', keyBytes: 16 },
  A256GCM: { name: 'aes-256-gcm', keyBytes: 32 },
};
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface EncryptOptions {
  alg?: KeyWrapAlgorithm;
  enc?: ContentEncryption;
}

const headers = new Map<string, string>();

/** The Base64url protected header, member order as the platform's own samples: {"enc":…,"alg":…}. */
function protectedHeader(alg: KeyWrapAlgorithm, enc: ContentEncryption): string {
  const id = `${enc} ${alg}`;
  let header = headers.get(id);
  if (!header) headers.set(id, (header = Buffer.from(JSON.stringify({ enc, alg })).toString('base64url')));
  return header;
}

export function encryptJwe(plaintext: string, publicKeyPem: string, keys: KeyCache, options: EncryptOptions = {}): string {
  const alg = options.alg ?? REQUEST_ALG;
  const enc = options.enc ?? REQUEST_ENC;
  const header = protectedHeader(alg, enc);
  const cek = randomBytes(CIPHER[enc].keyBytes);
  const iv = randomBytes(IV_BYTES);
  const wrapped = publicEncrypt({ key: keys.encryptionKey(publicKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] }, cek);
  const cipher = createCipheriv(CIPHER[enc].name, cek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${header}.${wrapped.toString('base64url')}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** The algorithms a JWE's protected header names, refused unless they are ones the platform uses. */
function acceptedHeader(encodedHeader: string): { alg: KeyWrapAlgorithm; enc: ContentEncryption } {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    throw new TypeError('JWE header is not JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new TypeError('JWE header is not a JSON object');
  const { alg, enc, zip, crit } = header as Record<string, unknown>;
  const wrap = KEY_WRAP_ALGORITHMS.find((known) => known === alg);
  if (!wrap) throw new TypeError('JWE names an unsupported key-wrap algorithm');
  if (enc !== 'A128GCM' && enc !== 'A256GCM') throw new TypeError('JWE names an unsupported content encryption');
  if (zip !== undefined || crit !== undefined) throw new TypeError('JWE uses unsupported header parameters (zip, crit)');
  return { alg: wrap, enc };
}

/** Opens a compact JWE to its UTF-8 plaintext; throws a TypeError (naming no key material) on anything else. */
export function decryptJwe(jwe: string, privateKeyPem: string, keys: KeyCache): string {
  const parts = jwe.split('.');
  if (parts.length !== 5 || !parts.every((part) => BASE64URL.test(part))) throw new TypeError('not a compact JWE');
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const { alg, enc } = acceptedHeader(header);
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new TypeError('JWE initialisation vector or tag of the wrong length');
  let cek: Buffer;
  try {
    cek = privateDecrypt({ key: keys.decryptionKey(privateKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] }, Buffer.from(encryptedKey, 'base64url'));
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new TypeError('JWE content key cannot be unwrapped with this private key');
  }
  if (cek.length !== CIPHER[enc].keyBytes) throw new TypeError('JWE content key of the wrong length');
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv(CIPHER[enc].name, cek, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(tagBytes);
    plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new TypeError('JWE does not authenticate (tampered, or sealed to another key)');
  }
  try {
    return fromUtf8.decode(plaintext);
  } catch {
    throw new TypeError('JWE plaintext is not valid UTF-8');
  }
}
