/**
 * RSA key import for JWE. PEM text (SPKI public key, X.509 certificate as the portal hands it out,
 * PKCS#8 or PKCS#1 private key) becomes a WebCrypto key bound to one OAEP hash, imported once.
 */
import { createPrivateKey, createPublicKey, webcrypto, X509Certificate, type KeyObject } from 'node:crypto';

export type KeyWrapAlgorithm = 'RSA-OAEP' | 'RSA-OAEP-256';
export const KEY_WRAP_ALGORITHMS: readonly KeyWrapAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256'];

const HASH_OF: Record<KeyWrapAlgorithm, string> = { 'RSA-OAEP': 'SHA-1', 'RSA-OAEP-256': 'SHA-256' };

/** Parses a PEM public key or certificate; throws a TypeError that never echoes the PEM. */
export function parsePublicKeyPem(pem: string): KeyObject {
  try {
    return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch {
    throw new TypeError('not a PEM RSA public key or X.509 certificate');
  }
}

export function parsePrivateKeyPem(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new TypeError('not a PEM RSA private key (PKCS#8 or PKCS#1)');
  }
}

function assertRsa(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') throw new TypeError('key is not an RSA key');
  return key;
}

export function importEncryptionKey(pem: string, alg: KeyWrapAlgorithm): Promise<webcrypto.CryptoKey> {
  const der = assertRsa(parsePublicKeyPem(pem)).export({ type: 'spki', format: 'der' });
  return webcrypto.subtle.importKey('spki', der, { name: 'RSA-OAEP', hash: HASH_OF[alg] }, false, ['encrypt']);
}

export function importDecryptionKey(pem: string, alg: KeyWrapAlgorithm): Promise<webcrypto.CryptoKey> {
  const der = assertRsa(parsePrivateKeyPem(pem)).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'RSA-OAEP', hash: HASH_OF[alg] }, false, ['decrypt']);
}

/**
 * Memoises imports per PEM and algorithm, so a container imports each key once.
 * A failed import is forgotten, so a corrected secret can be retried.
 */
export class KeyCache {
  // Keyed by the PEM string itself (its hash is computed once per string), one map per use and algorithm.
  private readonly keys = new Map<string, Map<string, Promise<webcrypto.CryptoKey>>>();

  encryptionKey(pem: string, alg: KeyWrapAlgorithm): Promise<webcrypto.CryptoKey> {
    return this.memo(alg === 'RSA-OAEP' ? 'e1' : 'e256', pem, () => importEncryptionKey(pem, alg));
  }

  decryptionKey(pem: string, alg: KeyWrapAlgorithm): Promise<webcrypto.CryptoKey> {
    return this.memo(alg === 'RSA-OAEP' ? 'd1' : 'd256', pem, () => importDecryptionKey(pem, alg));
  }

  private memo(use: string, pem: string, load: () => Promise<webcrypto.CryptoKey>): Promise<webcrypto.CryptoKey> {
    let byPem = this.keys.get(use);
    if (!byPem) {
      byPem = new Map();
      this.keys.set(use, byPem);
    }
    let key = byPem.get(pem);
    if (!key) {
      key = load();
      byPem.set(pem, key);
      key.catch(() => byPem.delete(pem));
    }
    return key;
  }
}
