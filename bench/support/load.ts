/**
 * Sandbox throughput: many concurrent keep-alive connections sending pre-signed requests (signed
 * with the floor's code, valid for the sandbox's 5-minute skew window) for a fixed time, so the
 * client spends almost nothing per request and the figure is the sandbox's. Loopback only,
 * bounded in time.
 */
import http from 'node:http';
import { prepare, sealJwe, signedHeaders, type SecretJson } from '../floor/kona';

export interface LoadOptions {
  path: string;
  encryptRequest: boolean;
  body: string;
  concurrency: number;
  durationMs: number;
}

export interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  requestsPerSecond: number;
}

export async function loadSandbox(platformUrl: string, secret: SecretJson, options: LoadOptions): Promise<LoadResult> {
  const p = prepare(secret);
  const url = new URL(`${platformUrl.replace(/\/+$/, '')}${options.path}`);
  const pool = Array.from({ length: 64 }, () => {
    const body = options.encryptRequest ? `{"encData":"${sealJwe(options.body, p.platformKey)}"}` : options.body;
    const payload = Buffer.from(body, 'utf8');
    return { payload, headers: { ...signedHeaders(p, body), 'Content-Length': String(payload.length) } };
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let next = 0;
  let ok = 0;
  let failed = 0;
  const post = () =>
    new Promise<number>((resolve) => {
      const request = pool[next++ % pool.length]!;
      const req = http.request(url, { method: 'POST', agent, headers: request.headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      });
      req.on('error', () => resolve(0));
      req.end(request.payload);
    });
  const started = performance.now();
  const end = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < end) {
        if ((await post()) === 200) ok++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { ok, failed, seconds, requestsPerSecond: ok / seconds };
}
