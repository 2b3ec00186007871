/**
 * Keys and certificates no client holds or trusts, made once per process: an answer sealed to the
 * stranger key cannot be opened (`bad-encryption`), a handshake with the stranger certificate is
 * refused (`tls-handshake` with `untrusted-certificate`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { selfSignedCertificatePem } from '../../project/x509';

let publicKeyPem: string | undefined;
let tlsContext: SecureContext | undefined;

/** A PEM public key whose private half is thrown away. */
export function strangerPublicKey(): string {
  publicKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return publicKeyPem;
}

/** A TLS context presenting a self-signed certificate no client trusts. */
export function strangerTlsContext(): SecureContext {
  if (!tlsContext) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = selfSignedCertificatePem({ publicKey, privateKey, commonName: 'untrusted KONA PLATE sandbox' });
    tlsContext = createSecureContext({ key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert });
  }
  return tlsContext;
}
