/**
 * A minimal self-signed X.509 certificate (RFC 5280 v1, RSA, sha256WithRSAEncryption), because
 * the portal hands out the platform's public key as a certificate and node:crypto can read
 * certificates but not make them. Only DER encoding of the few types a certificate needs.
 */
import { randomBytes, sign, type KeyObject } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const NULL = Buffer.from([0x05, 0x00]);
const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const printableString = (text: string): Buffer => tlv(0x13, Buffer.from(text, 'ascii'));
const bitString = (bytes: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));

/** A positive INTEGER: a leading zero keeps the sign bit clear. */
function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function objectIdentifier(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const out = [40 * first! + second!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) chunk.unshift(0x80 | (value & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 §4.1.2.5 requires. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

const SHA256_WITH_RSA = sequence(objectIdentifier('1.2.840.113549.1.1.11'), NULL);

function distinguishedName(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier('2.5.4.6'), printableString('KR'))),
    set(sequence(objectIdentifier('2.5.4.10'), utf8String('KONA PLATE sandbox'))),
    set(sequence(objectIdentifier('2.5.4.3'), utf8String(commonName))),
  );
}

export interface CertificateOptions {
  publicKey: KeyObject;
  /** Signs the certificate; the matching private key, as the certificate is self-signed. */
  privateKey: KeyObject;
  commonName: string;
  notBefore?: Date;
  validDays?: number;
}

export function selfSignedCertificatePem(options: CertificateOptions): string {
  const notBefore = options.notBefore ?? new Date(Date.now() - 24 * 3600_000);
  const notAfter = new Date(notBefore.getTime() + (options.validDays ?? 3650) * 24 * 3600_000);
  const name = distinguishedName(options.commonName);
  const tbs = sequence(
    unsignedInteger(randomBytes(16)),
    SHA256_WITH_RSA,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    options.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const certificate = sequence(tbs, SHA256_WITH_RSA, bitString(sign('sha256', tbs, options.privateKey)));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}
