/**
 * An independent SigV4 verifier, written from AWS's description of the algorithm (not from the
 * SDK's signer): canonical request → string to sign → the HMAC-SHA256 key chain → signature. It
 * checks what the caller client sends as API Gateway's IAM authorization would, and is itself checked
 * against AWS's published test suite (test/support/sigv4-vectors.ts).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  method: string;
  /** The path as written in the request, before percent-encoding. */
  path: string;
  query?: ReadonlyArray<readonly [string, string]>;
  /** Header names in any case; a value may repeat. */
  headers: Record<string, string | readonly string[] | undefined>;
  body: string;
}

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding: everything but A–Z a–z 0–9 - . _ ~ (UTF-8 bytes, upper-case hex). */
export function uriEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

function headerValue(value: string | readonly string[]): string {
  const values = typeof value === 'string' ? [value] : value;
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const lower = new Map(Object.entries(request.headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k.toLowerCase(), v!]));
  const uri = request.path.split('/').map(uriEncode).join('/') || '/';
  const query = [...(request.query ?? [])]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = signedHeaders.map((name) => {
    const value = lower.get(name);
    if (value === undefined) throw new Error(`signed header ${name} is not in the request`);
    return `${name}:${headerValue(value)}\n`;
  });
  return [request.method, uri, query, headers.join(''), signedHeaders.join(';'), hex(request.body)].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
}

export function signature(secretAccessKey: string, scope: string, toSign: string): string {
  const [date, region, service, terminator] = scope.split('/') as [string, string, string, string];
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), terminator);
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

export interface Authorization {
  accessKeyId: string;
  scope: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string): Authorization {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(([0-9]{8})\/([^/]+)\/([^/]+)\/aws4_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header);
  if (!match) throw new Error(`not a SigV4 Authorization header: ${header}`);
  const [, accessKeyId, scope, date, region, service, signed, sig] = match as unknown as [string, string, string, string, string, string, string, string];
  return { accessKeyId, scope, date, region, service, signedHeaders: signed.split(';'), signature: sig };
}

/** Why the request's signature does not hold for `secretAccessKey`, or undefined when it does. */
export function verify(request: SignedRequest, secretAccessKey: string): string | undefined {
  const lower = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const header = lower.authorization;
  if (typeof header !== 'string') return 'no Authorization header';
  const auth = parseAuthorization(header);
  const amzDate = lower['x-amz-date'];
  if (typeof amzDate !== 'string' || !amzDate.startsWith(auth.date)) return 'X-Amz-Date missing or outside the credential scope';
  for (const required of ['host', 'x-amz-date']) if (!auth.signedHeaders.includes(required)) return `${required} is not signed`;
  const expected = signature(secretAccessKey, auth.scope, stringToSign(amzDate, auth.scope, canonicalRequest(request, auth.signedHeaders)));
  return timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature)) ? undefined : 'signature does not match';
}
