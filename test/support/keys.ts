/** Throwaway RSA keys and certificates for tests, made at run time (never committed). */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PemPair {
  publicKey: string;
  privateKey: string;
}

export function rsaPair(privateType: 'pkcs8' | 'pkcs1' = 'pkcs8'): PemPair {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: privateType, format: 'pem' },
  });
}

/** A self-signed X.509 certificate (what the platform portal hands out) and its private key, via openssl. */
export function certificatePair(): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', '/CN=konaplate-test'], { stdio: 'ignore' });
    return { certificate: readFileSync(cert, 'utf8'), privateKey: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A credentials secret in the gateway's shape, with fresh keys, plus the platform halves. */
export function testSecret(overrides: Record<string, unknown> = {}) {
  const platform = rsaPair();
  const client = rsaPair();
  const id = hex(16);
  const secret = {
    aspId: '000170000000000',
    accessKey: `${hex(4).slice(0, 7)}-${hex(16)}`,
    secretKey: `test-secret-${hex(12)}`,
    timeZone: 'KST',
    cryptoKeys: [{ id, platformPublicKey: platform.publicKey, clientPrivateKey: client.privateKey }],
    ...overrides,
  };
  return { secret, platformPrivateKey: platform.privateKey, clientPublicKey: client.publicKey, keyId: id };
}

/**
 * A TLS server identity for 127.0.0.1 (EC P-256, subjectAltName IP:127.0.0.1), via openssl. The
 * gateway verifies it only once a test trusts it (test/support/trust.ts).
 */
export function tlsIdentity(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
