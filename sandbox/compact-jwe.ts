/**
 * The sandbox's own RFC 7516 compact JWE, on node:crypto: deliberately not the gateway's jose-based
 * lib/protocol/jwe.ts, so every encrypted request is checked by a second, independent
 * implementation (and synchronous RSA/AES keeps the sandbox fast under load).
 */
import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { parsePrivateKeyPem, parsePublicKeyPem, type KeyWrapAlgorithm } from '../lib/protocol/keys';

export type ContentEncryptionAlgorithm = 'A128GCM' | 'A256GCM';

const OAEP_HASH: Record<KeyWrapAlgorithm, string> = { 'RSA-OAEP': 'sha1', 'RSA-OAEP-256': 'sha256' };
const CIPHER: Record<ContentEncryptionAlgorithm, { name: 'aes-128-gcm' | 'aes-256-gcm'; keyBytes: number }> = {
  A128GCM: { name: 'aes-128-gcm', keyBytes: 16 },
  A256GCM: { name: 'aes-256-gcm', keyBytes: 32 },
};

/** PEM text → KeyObject, parsed once per PEM. */
export class PemKeys {
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly privateKeys = new Map<string, KeyObject>();

  publicKey(pem: string): KeyObject {
    let key = this.publicKeys.get(pem);
    if (!key) this.publicKeys.set(pem, (key = parsePublicKeyPem(pem)));
    return key;
  }

  privateKey(pem: string): KeyObject {
    let key = this.privateKeys.get(pem);
    if (!key) this.privateKeys.set(pem, (key = parsePrivateKeyPem(pem)));
    return key;
  }
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function sealJwe(plaintext: string, publicKeyPem: string, keys: PemKeys, alg: KeyWrapAlgorithm, enc: ContentEncryptionAlgorithm): string {
  const header = b64url(JSON.stringify({ enc, alg }));
  const cipherSpec = CIPHER[enc];
  const cek = randomBytes(cipherSpec.keyBytes);
  const iv = randomBytes(12);
  const encryptedKey = publicEncrypt({ key: keys.publicKey(publicKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] }, cek);
  const cipher = createCipheriv(cipherSpec.name, cek, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [header, b64url(encryptedKey), b64url(iv), b64url(ciphertext), b64url(cipher.getAuthTag())].join('.');
}

/** Opens a compact JWE; throws on anything malformed, unsupported or not authentic. */
export function openJwe(jwe: string, privateKeyPem: string, keys: PemKeys): string {
  const parts = jwe.split('.');
  if (parts.length !== 5) throw new TypeError('not a compact JWE');
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const { alg, enc } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; enc?: string };
  if (alg !== 'RSA-OAEP' && alg !== 'RSA-OAEP-256') throw new TypeError('unsupported key-wrap algorithm');
  if (enc !== 'A128GCM' && enc !== 'A256GCM') throw new TypeError('unsupported content encryption');
  const cek = privateDecrypt({ key: keys.privateKey(privateKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] }, Buffer.from(encryptedKey, 'base64url'));
  if (cek.length !== CIPHER[enc].keyBytes) throw new TypeError('content key of the wrong length');
  const decipher = createDecipheriv(CIPHER[enc].name, cek, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(header, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
}
