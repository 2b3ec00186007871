/**
 * One HTTP POST over a keep-alive agent. Failures say how far the request got, because that
 * decides whether it may be repeated: a reset on a reused pooled socket before any answer byte
 * means the platform never saw it (the server had closed the idle connection).
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type TransportFailure =
  /** Could not connect: the request surely did not reach the platform. */
  | 'connect'
  /** A pooled socket the server had closed: reset before any answer byte; safe to resend once. */
  | 'stale-socket'
  /** Broken after the request may have been sent. */
  | 'lost'
  | 'timeout'
  | 'too-large';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  /** For `stale-socket`: whether the whole request had been handed to the network before the reset. */
  flushed = false;
  constructor(readonly failure: TransportFailure, message: string, readonly code?: string) {
    super(message);
  }
}

/**
 * Pooled connections are dropped after 4 s idle, below common server keep-alive timeouts (5 s and
 * up), so a pooled socket the server already closed is rare: for writes a reset stays ambiguous.
 */
export const IDLE_SOCKET_MS = 4000;

const agents = {
  http: new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
  https: new https.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
};

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

export const MAX_ANSWER_BYTES = 1024 * 1024;

export function postJson(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:';
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    let answered = false;
    let flushed = false;
    const request = (secure ? https : http).request(url, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { ...headers, 'Content-Length': String(payload.length) },
    });
    request.on('finish', () => {
      flushed = true;
    });
    const timer = setTimeout(() => {
      request.destroy(new TransportError('timeout', `no answer within ${timeoutMs} ms`));
    }, Math.max(1, timeoutMs));

    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) request.destroy(new TransportError('too-large', `answer larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', () => undefined);
    });

    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error instanceof TransportError) return reject(error);
      const code = error.code;
      if (code && CONNECT_CODES.has(code)) return reject(new TransportError('connect', `cannot connect (${code})`, code));
      if (!answered && code && RESET_CODES.has(code) && request.reusedSocket) {
        const stale = new TransportError('stale-socket', `pooled connection closed by the server (${code})`, code);
        stale.flushed = flushed;
        return reject(stale);
      }
      reject(new TransportError('lost', `connection broken (${code ?? error.message})`, code));
    });

    request.end(payload);
  });
}
