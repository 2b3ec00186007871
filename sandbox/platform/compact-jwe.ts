/**
 * The sandbox's RFC 7516 compact JWE, on `jose`: deliberately not the gateway's node:crypto
 * lib/protocol/jwe.ts, so every encrypted request the gateway sends is opened, and every answer it
 * reads was sealed, by a second, independent implementation (test/sandbox/compact-jwe.test.ts
 * checks the two read each other in every accepted combination).
 */
import { CompactEncrypt, compactDecrypt, importPKCS8, importSPKI, importX509, type CryptoKey } from 'jose';
import type { KeyWrapAlgorithm } from '../../lib/protocol/keys';

export type ContentEncryptionAlgorithm = 'A128GCM' | 'A256GCM';

const KEY_WRAP: readonly KeyWrapAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256'];
const CONTENT: readonly ContentEncryptionAlgorithm[] = ['A128GCM', 'A256GCM'];

/**
 * PEM text → jose key, imported once per PEM and algorithm (a WebCrypto RSA-OAEP key is bound to
 * its hash). A failed import is forgotten, so a corrected key can be tried again.
 */
export class PemKeys {
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  publicKey(pem: string, alg: KeyWrapAlgorithm): Promise<CryptoKey> {
    return this.memo(`public ${alg}\n${pem}`, () => (pem.includes('BEGIN CERTIFICATE') ? importX509(pem, alg) : importSPKI(pem, alg)));
  }

  privateKey(pem: string, alg: KeyWrapAlgorithm): Promise<CryptoKey> {
    return this.memo(`private ${alg}\n${pem}`, () => importPKCS8(pem, alg));
  }

  private memo(id: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
    let key = this.keys.get(id);
    if (!key) {
      key = load();
      this.keys.set(id, key);
      key.catch(() => this.keys.delete(id));
    }
    return key;
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function sealJwe(plaintext: string, publicKeyPem: string, keys: PemKeys, alg: KeyWrapAlgorithm, enc: ContentEncryptionAlgorithm): Promise<string> {
  // Header member order as the platform's samples: {"enc":...,"alg":...}
  return new CompactEncrypt(utf8.encode(plaintext)).setProtectedHeader({ enc, alg }).encrypt(await keys.publicKey(publicKeyPem, alg));
}

/** Opens a compact JWE under the algorithms the platform uses; rejects anything malformed, unsupported or not authentic. */
export async function openJwe(jwe: string, privateKeyPem: string, keys: PemKeys): Promise<string> {
  const { plaintext } = await compactDecrypt(jwe, (header) => {
    const alg = KEY_WRAP.find((known) => known === header.alg);
    if (!alg) throw new TypeError('unsupported key-wrap algorithm');
    return keys.privateKey(privateKeyPem, alg);
  }, { keyManagementAlgorithms: [...KEY_WRAP], contentEncryptionAlgorithms: [...CONTENT] });
  return fromUtf8.decode(plaintext);
}
