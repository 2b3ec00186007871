/**
 * What the sandbox knows about the one project it serves: the platform's half of the credentials
 * a real KONA PLATE project holds (protocol.md §6.2). The gateway holds the other half (its secret).
 */
import type { KeyWrapAlgorithm } from '../../lib/protocol/keys';

export type ContentEncryption = 'A128GCM' | 'A256GCM';

/** How the platform seals an answer; the guide allows either OAEP hash and either AES-GCM size (protocol.md §3.1). */
export interface ResponseEncryption {
  alg: KeyWrapAlgorithm;
  enc: ContentEncryption;
}

export const DEFAULT_RESPONSE_ENCRYPTION: ResponseEncryption = { alg: 'RSA-OAEP-256', enc: 'A128GCM' };

export interface SandboxCryptoKey {
  /** 32 characters, sent as X-KM-Crypto-Key-Id. */
  id: string;
  /** Decrypts requests (the provider encrypts them with the matching public key or certificate). */
  platformPrivateKey: string;
  /** Encrypts answers; PEM SPKI public key or X.509 certificate. */
  clientPublicKey: string;
  /** Overrides the server-wide answer encryption for this key only. */
  responseEncryption?: Partial<ResponseEncryption>;
}

export interface SandboxProject {
  /** 15 characters; sandbox projects share 000170000000000 (protocol.md §6.3). */
  aspId: string;
  /** 40 characters, sent as X-KM-Access-Key. */
  accessKey: string;
  /** HMAC key of X-KM-Tran-Token; never sent. */
  secretKey: string;
  /** At most two on the real platform; the first is the one used when a request names none. */
  cryptoKeys: readonly SandboxCryptoKey[];
}
