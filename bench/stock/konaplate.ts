/**
 * "The usual way": a KONA PLATE client as a competent team would write it with axios and jose —
 * keys imported with jose's importX509/importSPKI/importPKCS8 and cached per container, one clock
 * reading, the body signed exactly as sent. No masking, no typed error taxonomy, no lossless ids.
 */
import { createHmac, randomBytes } from 'node:crypto';
import axios from 'axios';
import { CompactEncrypt, compactDecrypt, importPKCS8, importSPKI, importX509 } from 'jose';

export interface KonaSecret {
  aspId: string;
  accessKey: string;
  secretKey: string;
  timeZone: string;
  cryptoKeys: Array<{ id: string; platformPublicKey: string; clientPrivateKey: string }>;
}

export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly expose = statusCode < 500) {
    super(message);
  }
}

const ALG = 'RSA-OAEP-256';
const ENC = 'A128GCM';
const ZONE_OFFSET_HOURS: Record<string, number> = { KST: 9, UTC: 0, GMT: 0 };

const http = axios.create({
  baseURL: process.env.KONAPLATE_BASE_URL,
  timeout: 10_000,
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  validateStatus: () => true,
});

type Key = Awaited<ReturnType<typeof importPKCS8>>;
const keys = new Map<string, Promise<Key>>();

function cached(id: string, load: () => Promise<Key>): Promise<Key> {
  let key = keys.get(id);
  if (!key) {
    key = load();
    keys.set(id, key);
  }
  return key;
}

const publicKey = (pem: string) =>
  cached(`pub:${pem}`, () => (pem.includes('BEGIN CERTIFICATE') ? importX509(pem, ALG) : importSPKI(pem, ALG)));
const privateKey = (pem: string) => cached(`priv:${pem}`, () => importPKCS8(pem, ALG));

function timestamp(timeZone: string): string {
  const d = new Date(Date.now() + (ZONE_OFFSET_HOURS[timeZone] ?? 0) * 3_600_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}`;
}

export interface CallOptions {
  encryptRequest: boolean;
}

/** Calls one operation and returns its business fields, or throws an HttpError. */
export async function callKonaplate(path: string, payload: unknown, options: CallOptions, secret: KonaSecret): Promise<Record<string, unknown>> {
  const pair = secret.cryptoKeys[0];
  if (!pair) throw new HttpError(500, 'no crypto key configured');
  const plaintext = JSON.stringify(payload);
  const body = options.encryptRequest
    ? JSON.stringify({
        encData: await new CompactEncrypt(new TextEncoder().encode(plaintext))
          .setProtectedHeader({ enc: ENC, alg: ALG })
          .encrypt(await publicKey(pair.platformPublicKey)),
      })
    : plaintext;

  const stamp = timestamp(secret.timeZone);
  const token = createHmac('sha256', secret.secretKey).update(body).digest('base64');
  const headers = {
    'X-KM-User-AspId': secret.aspId,
    'X-KM-Correlation-Id': `${stamp.slice(2, 14)}-${randomBytes(4).toString('hex').slice(0, 7)}`,
    'X-KM-Access-Key': secret.accessKey,
    'X-KM-Crypto-Key-Id': pair.id,
    'X-KM-Tran-Token': `KMV1:${stamp}:${token}`,
    'X-KM-Tran-Time': stamp.slice(0, 14),
    'X-KM-Time-Zone': secret.timeZone,
  };

  const response = await http.post(path, body, { headers });
  let data = response.data as Record<string, any>;
  if (data && typeof data.encData === 'string') {
    const { plaintext: opened } = await compactDecrypt(data.encData, await privateKey(pair.clientPrivateKey));
    data = JSON.parse(new TextDecoder().decode(opened));
  }
  const code = data?.response?.code;
  if (response.status === 200 && code === '000_000') {
    const { response: _envelope, ...fields } = data;
    return fields;
  }
  if (code === '001_006') throw new HttpError(404, 'member not found');
  if (response.status === 400) throw new HttpError(422, `${code} ${data?.response?.description ?? ''}`.trim());
  throw new HttpError(502, `platform answered ${response.status} ${code ?? ''}`.trim(), true);
}
