/**
 * A KONA PLATE client written for the tests from protocol.md alone (node:crypto + jose), not
 * from lib/protocol, so the sandbox is checked against an independent reading of the protocol.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, importPKCS8, importSPKI, importX509 } from 'jose';

export interface ClientIdentity {
  aspId: string;
  accessKey: string;
  secretKey: string;
  timeZone: string;
  cryptoKeys: Array<{ id: string; platformPublicKey: string; clientPrivateKey: string }>;
}

const ZONE_OFFSET_MS: Record<string, number> = { KST: 9 * 3600_000, UTC: 0, GMT: 0 };

/** yyyyMMddHHmmssSSS of the wall clock in the zone. */
export function stamp17(epochMs: number, timeZone = 'KST'): string {
  const shifted = new Date(epochMs + (ZONE_OFFSET_MS[timeZone] ?? 0));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    pad(shifted.getUTCFullYear(), 4) + pad(shifted.getUTCMonth() + 1) + pad(shifted.getUTCDate()) +
    pad(shifted.getUTCHours()) + pad(shifted.getUTCMinutes()) + pad(shifted.getUTCSeconds()) + pad(shifted.getUTCMilliseconds(), 3)
  );
}

export interface SignOptions {
  epochMs?: number;
  timeZone?: string;
  /** Sends X-KM-Crypto-Key-Id; defaults to none. */
  cryptoKeyId?: string;
  /** Replaces (string) or removes (undefined) headers after signing. */
  overrides?: Record<string, string | undefined>;
}

export function signedHeaders(identity: ClientIdentity, body: string | Buffer, options: SignOptions = {}): Record<string, string> {
  const timeZone = options.timeZone ?? identity.timeZone;
  const time = stamp17(options.epochMs ?? Date.now(), timeZone);
  const mac = createHmac('sha256', identity.secretKey).update(body).digest('base64');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-KM-User-AspId': identity.aspId,
    'X-KM-Correlation-Id': `${time.slice(2, 14)}-${randomBytes(4).toString('hex').slice(0, 7)}`,
    'X-KM-Access-Key': identity.accessKey,
    'X-KM-Tran-Token': `KMV1:${time}:${mac}`,
    'X-KM-Tran-Time': time.slice(0, 14),
    'X-KM-Time-Zone': timeZone,
  };
  if (options.cryptoKeyId !== undefined) headers['X-KM-Crypto-Key-Id'] = options.cryptoKeyId;
  for (const [name, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return headers;
}

async function publicKey(pem: string, alg: string) {
  return pem.includes('BEGIN CERTIFICATE') ? importX509(pem, alg) : importSPKI(pem, alg);
}

export async function encryptTo(platformPublicKey: string, plaintext: string, alg = 'RSA-OAEP-256', enc = 'A128GCM'): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ enc, alg })
    .encrypt(await publicKey(platformPublicKey, alg));
}

export async function decryptWith(clientPrivateKey: string, jwe: string): Promise<{ plaintext: string; alg: string; enc: string }> {
  const header = decodeProtectedHeader(jwe);
  const key = await importPKCS8(clientPrivateKey, String(header.alg));
  const { plaintext } = await compactDecrypt(jwe, key);
  return { plaintext: new TextDecoder().decode(plaintext), alg: String(header.alg), enc: String(header.enc) };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** POSTs exact bytes with exact headers (fetch would add or normalise some). */
export function rawRequest(url: string, body: string | Buffer, headers: Record<string, string>, method = 'POST'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface PlatformAnswer extends RawAnswer {
  /** The answer JSON, decrypted when it came as encData. */
  json: { response: { code: string; description: string } } & Record<string, unknown>;
  /** The decrypted text, when it came as encData. */
  plaintext?: string;
  jwe?: { alg: string; enc: string };
}

/** What a test compares first of an answer: its HTTP status and the platform's result code. */
export const codeOf = (answer: Pick<PlatformAnswer, 'status' | 'json'>) => [answer.status, answer.json.response.code];

/** Opens an answer: decrypts encData with the client key the answer's X-KM-Crypto-Key-Id names. */
export async function openAnswer(identity: ClientIdentity, raw: RawAnswer): Promise<PlatformAnswer> {
  const outer = JSON.parse(raw.text) as Record<string, unknown>;
  if (typeof outer.encData !== 'string') return { ...raw, json: outer as PlatformAnswer['json'] };
  const keyId = raw.headers['x-km-crypto-key-id'];
  const pair = identity.cryptoKeys.find((key) => key.id === keyId);
  if (!pair) throw new Error(`encrypted answer names crypto key id ${String(keyId)}, which the client does not hold`);
  const { plaintext, alg, enc } = await decryptWith(pair.clientPrivateKey, outer.encData);
  return { ...raw, json: JSON.parse(plaintext) as PlatformAnswer['json'], plaintext, jwe: { alg, enc } };
}

export interface CallOptions extends SignOptions {
  /** Encrypt the business JSON into {"encData"} (default: whatever `encrypt` says). */
  encrypt?: boolean;
  alg?: string;
  enc?: string;
  /** Mutates the exact wire body after signing. */
  tamper?: (body: string) => string;
}

/** Builds, signs and sends one Open API call the way protocol.md §8 describes. */
export async function call(baseUrl: string, identity: ClientIdentity, path: string, fields: Record<string, unknown> | string, options: CallOptions = {}): Promise<PlatformAnswer> {
  const plaintext = typeof fields === 'string' ? fields : JSON.stringify(fields);
  const key = identity.cryptoKeys[0]!;
  const body = options.encrypt
    ? JSON.stringify({ encData: await encryptTo(key.platformPublicKey, plaintext, options.alg, options.enc) })
    : plaintext;
  const headers = signedHeaders(identity, body, { cryptoKeyId: key.id, ...options });
  const sent = options.tamper ? options.tamper(body) : body;
  return openAnswer(identity, await rawRequest(`${baseUrl}${path}`, sent, headers));
}
