/**
 * RSA key import for JWE. PEM text (SPKI public key, X.509 certificate as the portal hands it out,
 * PKCS#8 or PKCS#1 private key) becomes a node:crypto KeyObject, parsed once per container: the
 * OAEP hash is chosen per message (lib/protocol/jwe.ts), so one object serves both algorithms.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

export type KeyWrapAlgorithm = 'RSA-OAEP' | 'RSA-OAEP-256';
export const KEY_WRAP_ALGORITHMS: readonly KeyWrapAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256'];

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

/**
 * Memoises imports per PEM, so a container parses each key once (the PEM strings come from the one
 * parsed secret, so their hash is computed once too). A failed import is not kept: a corrected
 * secret is parsed afresh.
 */
export class KeyCache {
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly privateKeys = new Map<string, KeyObject>();

  encryptionKey(pem: string): KeyObject {
    let key = this.publicKeys.get(pem);
    if (!key) this.publicKeys.set(pem, (key = assertRsa(parsePublicKeyPem(pem))));
    return key;
  }

  decryptionKey(pem: string): KeyObject {
    let key = this.privateKeys.get(pem);
    if (!key) this.privateKeys.set(pem, (key = assertRsa(parsePrivateKeyPem(pem))));
    return key;
  }
}
