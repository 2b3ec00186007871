/**
 * The hand-written minimum of a KONA PLATE call, on node:crypto and `fetch` alone: compact JWE
 * (RSA-OAEP-256 + A128GCM) by hand, KMV1 HMAC token, X-KM-* headers precomputed except the three
 * that change per call, and a SigV4-signed GetSecretValue (so it would work against AWS too).
 * It is the yardstick ("floor") and the crypto floor, and the signer of the sandbox load test.
 * Not a product: no retries, no deadlines, no typed errors, no logging.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';

export interface SecretJson {
  aspId: string;
  accessKey: string;
  secretKey: string;
  timeZone: string;
  cryptoKeys: Array<{ id: string; platformPublicKey: string; clientPrivateKey: string }>;
}

/** Everything a call needs, prepared once per container. */
export interface Prepared {
  secretKey: string;
  timeZoneOffsetMs: number;
  keyId: string;
  platformKey: KeyObject;
  clientKey: KeyObject;
  /** Headers that never change, in documented order; per call only correlation id, token and time are added. */
  fixedHeaders: Record<string, string>;
}

const OFFSETS: Record<string, number> = { KST: 9 * 3600_000, UTC: 0, GMT: 0 };

export function prepare(secret: SecretJson): Prepared {
  const pair = secret.cryptoKeys[0];
  if (!pair) throw new Error('secret has no crypto key');
  const pem = pair.platformPublicKey;
  const platformKey = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  return {
    secretKey: secret.secretKey,
    timeZoneOffsetMs: OFFSETS[secret.timeZone] ?? 0,
    keyId: pair.id,
    platformKey,
    clientKey: createPrivateKey(pair.clientPrivateKey),
    fixedHeaders: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-KM-User-AspId': secret.aspId,
      'X-KM-Access-Key': secret.accessKey,
      'X-KM-Crypto-Key-Id': pair.id,
      'X-KM-Time-Zone': secret.timeZone,
    },
  };
}

const b64url = (data: Buffer) => data.toString('base64url');
/** {"enc":"A128GCM","alg":"RSA-OAEP-256"} as the platform's samples order it; its Base64url is the AAD. */
const REQUEST_HEADER_B64 = b64url(Buffer.from('{"enc":"A128GCM","alg":"RSA-OAEP-256"}'));
const REQUEST_AAD = Buffer.from(REQUEST_HEADER_B64, 'ascii');

/** Compact JWE, RSA-OAEP-256 + A128GCM, to `key`. */
export function sealJwe(plaintext: string, key: KeyObject): string {
  const cek = randomBytes(16);
  const iv = randomBytes(12);
  const wrapped = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
  const cipher = createCipheriv('aes-128-gcm', cek, iv);
  cipher.setAAD(REQUEST_AAD);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${REQUEST_HEADER_B64}.${b64url(wrapped)}.${b64url(iv)}.${b64url(ciphertext)}.${b64url(cipher.getAuthTag())}`;
}

/** Opens a compact JWE under RSA-OAEP or RSA-OAEP-256 with A128GCM or A256GCM, as its header says. */
export function openJwe(jwe: string, key: KeyObject): string {
  const [h, ek, iv, ct, tag] = jwe.split('.');
  if (h === undefined || ek === undefined || iv === undefined || ct === undefined || tag === undefined) throw new Error('not a compact JWE');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string; enc?: string };
  const oaepHash = header.alg === 'RSA-OAEP-256' ? 'sha256' : header.alg === 'RSA-OAEP' ? 'sha1' : undefined;
  const cipherName = header.enc === 'A128GCM' ? 'aes-128-gcm' : header.enc === 'A256GCM' ? 'aes-256-gcm' : undefined;
  if (!oaepHash || !cipherName) throw new Error('unsupported JWE algorithms');
  const cek = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from(ek, 'base64url'));
  const decipher = createDecipheriv(cipherName, cek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(h, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function tranMac(secretKey: string, body: string): string {
  return createHmac('sha256', secretKey).update(body, 'utf8').digest('base64');
}

let sequence = Math.floor(Math.random() * 0x1000000);

/** The per-call headers from one clock reading: correlation id, tran token over `body`, tran time. */
export function signedHeaders(p: Prepared, body: string, now = Date.now()): Record<string, string> {
  const iso = new Date(now + p.timeZoneOffsetMs).toISOString();
  const stamp17 = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + iso.slice(20, 23);
  sequence = (sequence + 1) & 0xfffffff;
  return {
    ...p.fixedHeaders,
    'X-KM-Correlation-Id': `${stamp17.slice(2, 14)}-${sequence.toString(16).padStart(7, '0')}`,
    'X-KM-Tran-Token': `KMV1:${stamp17}:${tranMac(p.secretKey, body)}`,
    'X-KM-Tran-Time': stamp17.slice(0, 14),
  };
}

/** Parses an answer text, decrypting it when it is {"encData": ...}. */
export function openAnswer(p: Prepared, text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return typeof parsed.encData === 'string' ? (JSON.parse(openJwe(parsed.encData, p.clientKey)) as Record<string, unknown>) : parsed;
}

// ---- Secrets Manager GetSecretValue, SigV4-signed by hand -----------------------------------

const sha256hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** One GetSecretValue through `fetch`, signed with the environment's credentials. */
export async function getSecretString(secretId: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? env.AWS_ENDPOINT_URL ?? `https://secretsmanager.${region}.amazonaws.com`;
  const url = new URL(endpoint);
  const body = JSON.stringify({ SecretId: secretId });
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    host: url.host,
    'x-amz-date': amzDate,
    ...(env.AWS_SESSION_TOKEN && { 'x-amz-security-token': env.AWS_SESSION_TOKEN }),
    'x-amz-target': 'secretsmanager.GetSecretValue',
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', url.pathname || '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256hex(body)].join('\n');
  const scope = `${day}/${region}/secretsmanager/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${env.AWS_SECRET_ACCESS_KEY ?? ''}`, day), region), 'secretsmanager'), 'aws4_request');
  const signature = hmac(key, toSign).toString('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${env.AWS_ACCESS_KEY_ID ?? ''}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const { host: _host, ...sent } = headers;
  const response = await fetch(url, { method: 'POST', headers: sent, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GetSecretValue ${response.status}`);
  const secret = (JSON.parse(text) as { SecretString?: string }).SecretString;
  if (typeof secret !== 'string') throw new Error('GetSecretValue: no SecretString');
  return secret;
}
