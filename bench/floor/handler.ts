/**
 * The floor: a handler as small as a correct one can be. Secret fetched once at init (one promise
 * shared by every caller) by the reader its entry gives (hand-signed SigV4 over `fetch` in
 * bench/floor/*.ts, the AWS SDK in bench/floor/sdk/*.ts), keys imported once, fixed headers
 * precomputed, the request body sent as received once checked, one clock reading, `fetch` (or
 * node:http when built with FLOOR_TRANSPORT=http), no middleware, no logging.
 */
import http from 'node:http';
import { openAnswer, prepare, sealJwe, signedHeaders, type Prepared, type SecretJson } from './kona';

export interface FloorOperation {
  path: string;
  encryptRequest: boolean;
  maxUserId: number;
}

interface HttpEvent {
  body?: string | null;
}

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postHttp(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function postFetch(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

const post = process.env.FLOOR_TRANSPORT === 'http' ? postHttp : postFetch;

const json = (statusCode: number, value: unknown, headers: Record<string, string> = {}): Answer => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

export function floorHandler(op: FloorOperation, readSecret: (secretId: string) => Promise<string>) {
  const url = new URL(`${(process.env.KONAPLATE_BASE_URL ?? '').replace(/\/+$/, '')}${op.path}`);
  const secretId = process.env.KONAPLATE_SECRET_ID ?? '';
  let ready: Promise<Prepared> | undefined;
  const load = () => {
    const loading = readSecret(secretId).then((text) => prepare(JSON.parse(text) as SecretJson));
    loading.catch(() => {
      if (ready === loading) ready = undefined;
    });
    return (ready = loading);
  };
  load();

  return async (event: HttpEvent): Promise<Answer> => {
    const p = await (ready ?? load());
    const text = event.body ?? '';
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      return json(400, { error: { type: 'InvalidRequest', message: 'body is not JSON' } });
    }
    const userId = (input as { userId?: unknown } | null)?.userId;
    if (typeof userId !== 'number' || !Number.isSafeInteger(userId) || userId < 1 || userId > op.maxUserId || Object.keys(input as object).length !== 1) {
      return json(400, { error: { type: 'InvalidRequest', message: 'userId: integer 1..max, and nothing else' } });
    }
    const body = op.encryptRequest ? `{"encData":"${sealJwe(text, p.platformKey)}"}` : text;
    const headers = signedHeaders(p, body);
    const answer = await post(url, headers, body);
    const opened = openAnswer(p, answer.text);
    const envelope = opened.response as { code?: string; description?: string } | undefined;
    const correlation = { 'X-KM-Correlation-Id': headers['X-KM-Correlation-Id']! };
    if (answer.status === 200 && envelope?.code === '000_000') {
      const { response: _envelope, ...fields } = opened;
      return json(200, fields, correlation);
    }
    const status = envelope?.code === '001_006' ? 404 : answer.status >= 500 ? 502 : 422;
    return json(status, { error: { type: 'PlatformError', message: `${envelope?.code ?? answer.status} ${envelope?.description ?? ''}`.trim() } }, correlation);
  };
}
