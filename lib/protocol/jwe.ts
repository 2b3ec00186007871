/**
 * Message encryption (protocol.md §3.2, §3.4): standard RFC 7516 compact JWE. Requests use
 * RSA-OAEP-256 + A128GCM to the platform key; responses may use RSA-OAEP or RSA-OAEP-256
 * with A128GCM or A256GCM, so the decrypting side reads alg/enc from the JWE header.
 */
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import { KEY_WRAP_ALGORITHMS, type KeyCache, type KeyWrapAlgorithm } from './keys';

export const REQUEST_ALG: KeyWrapAlgorithm = 'RSA-OAEP-256';
export const REQUEST_ENC = 'A128GCM';
const CONTENT_ENCRYPTIONS = ['A128GCM', 'A256GCM'];

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface EncryptOptions {
  alg?: KeyWrapAlgorithm;
  enc?: 'A128GCM' | 'A256GCM';
}

export async function encryptJwe(plaintext: string, publicKeyPem: string, keys: KeyCache, options: EncryptOptions = {}): Promise<string> {
  const alg = options.alg ?? REQUEST_ALG;
  const enc = options.enc ?? REQUEST_ENC;
  const key = await keys.encryptionKey(publicKeyPem, alg);
  // Header member order as the platform's own samples: {"enc":...,"alg":...}
  return new CompactEncrypt(utf8.encode(plaintext)).setProtectedHeader({ enc, alg }).encrypt(key);
}

/** The key-wrap algorithm a JWE names, or undefined when it is not one we accept. */
export function jweAlgorithm(jwe: string): KeyWrapAlgorithm | undefined {
  try {
    const { alg } = decodeProtectedHeader(jwe);
    return KEY_WRAP_ALGORITHMS.find((known) => known === alg);
  } catch {
    return undefined;
  }
}

export async function decryptJwe(jwe: string, privateKeyPem: string, keys: KeyCache): Promise<string> {
  const alg = jweAlgorithm(jwe);
  if (!alg) throw new TypeError('JWE header is unreadable or names an unsupported key-wrap algorithm');
  const key = await keys.decryptionKey(privateKeyPem, alg);
  const { plaintext } = await compactDecrypt(jwe, key, {
    keyManagementAlgorithms: [alg],
    contentEncryptionAlgorithms: CONTENT_ENCRYPTIONS,
  });
  return fromUtf8.decode(plaintext);
}
