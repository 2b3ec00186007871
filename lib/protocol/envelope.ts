/**
 * The wire body: `{"encData":"<JWE>"}` for encrypted messages (protocol.md §3.2), the plain JSON
 * otherwise. Any answer may arrive as encData, whatever the operation says.
 */
import { decryptJwe, encryptJwe } from './jwe';
import { parseJson } from './json';
import type { KeyCache } from './keys';

export interface CryptoKeyPair {
  id: string;
  platformPublicKey: string;
  clientPrivateKey: string;
}

export function sealBody(plaintext: string, publicKeyPem: string, keys: KeyCache): string {
  // A compact JWE is Base64url and dots only: nothing in it needs JSON escaping.
  return `{"encData":"${encryptJwe(plaintext, publicKeyPem, keys)}"}`;
}

/** The JWE of an `{"encData": "..."}` object, or undefined when the value is not one. */
export function encDataOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return keys.length === 1 && typeof record.encData === 'string' ? record.encData : undefined;
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

/**
 * Parses an answer and decrypts it when it is encData, with the private key of the pair named by
 * the answer's X-KM-Crypto-Key-Id; with no such header, the pairs are tried in order (first = current).
 */
export function openBody(text: string, keyIdHeader: string | undefined, pairs: readonly CryptoKeyPair[], keys: KeyCache): unknown {
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch {
    throw new EnvelopeError('answer is not JSON');
  }
  const jwe = encDataOf(parsed);
  if (jwe === undefined) return parsed;
  const candidates = keyIdHeader ? pairs.filter((pair) => pair.id === keyIdHeader) : pairs;
  if (candidates.length === 0) throw new EnvelopeError('answer is encrypted under a crypto key id the secret does not hold');
  for (const pair of candidates) {
    try {
      return parseJson(decryptJwe(jwe, pair.clientPrivateKey, keys));
    } catch {
      // try the next pair; the error below names no key material
    }
  }
  throw new EnvelopeError('encrypted answer could not be decrypted with the client private key');
}
