/**
 * One HTTP POST over a keep-alive agent, settled exactly once inside its deadline whatever the
 * socket does. A failure says where the bytes stopped, because that decides whether the request
 * may be repeated:
 * - `connecting`: no connection, or a TLS handshake that never completed. Node writes nothing of
 *   the request before the TCP connect ('connect') and, over TLS, before the handshake and the
 *   certificate check succeeded ('secureConnect': no early data is ever sent), so it surely never
 *   reached the platform.
 * - `awaiting-answer`: the request may have arrived; no answer byte yet. A reset on a reused pooled
 *   socket here is a server that had closed the idle connection (see `stale-socket`).
 * - `headers` / `body`: the platform answered part of an answer, then the connection broke, fell
 *   silent, trickled past the deadline, or framed the body wrongly (shorter or longer than its
 *   Content-Length, a chunked body without its last chunk). The request arrived; the effect may
 *   be committed.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { configurationError } from '../errors';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type TransportFailure =
  /** No connection within the deadline, or refused: the request surely did not reach the platform. */
  | 'connect'
  /** The TLS handshake failed (reset, alert, certificate refused): no request byte was sent. */
  | 'tls'
  /** A pooled socket the server had closed: reset before any answer byte; safe to resend once. */
  | 'stale-socket'
  /** Broken after the request may have been sent: no answer, or part of one. */
  | 'lost'
  /** The deadline passed after the request may have been sent. */
  | 'timeout'
  | 'too-large';

/** How far the exchange got when it failed. */
export type TransportStage = 'connecting' | 'awaiting-answer' | 'headers' | 'body';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  /** For `stale-socket`: whether the whole request had been handed to the network before the reset. */
  flushed = false;
  constructor(readonly failure: TransportFailure, message: string, readonly stage: TransportStage, readonly code?: string) {
    super(message);
  }

  /** True when no byte of the request can have reached the platform. */
  get notSent(): boolean {
    return this.failure === 'connect' || this.failure === 'tls';
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

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

export const MAX_ANSWER_BYTES = 1024 * 1024;

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/**
 * The platform base URL, refused unless it is https: (or http: to a loopback host, for the local
 * sandbox): fields the platform does not encrypt, such as a password to check, rely on TLS alone.
 */
export function platformBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw configurationError('KONAPLATE_BASE_URL is not a URL', error);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return url;
  throw configurationError(`KONAPLATE_BASE_URL must use https: (http: only for loopback hosts: 127.0.0.0/8, ::1, localhost); got ${url.protocol}//${url.host}`);
}

function declaredLength(headers: http.IncomingHttpHeaders): number | undefined {
  const value = headers['content-length'];
  return value === undefined ? undefined : Number(value);
}

export function postJson(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
  // A deadline already past (a stalled container): nothing goes out, so a later owner of the money
  // record (lib/money/flow.ts takes one over only after its lease, past its deadline) cannot be contradicted.
  if (timeoutMs <= 0) return Promise.reject(new TransportError('connect', 'the deadline passed before the request could be sent', 'connecting'));
  const secure = url.protocol === 'https:';
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    let settled = false;
    let stage: TransportStage = 'connecting';
    /** TCP connected but, over TLS, the handshake not finished: a failure now is a handshake failure. */
    let handshaking = false;
    let flushed = false;
    let received = 0;
    let response: http.IncomingMessage | undefined;

    const request = (secure ? https : http).request(url, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { ...headers, 'Content-Length': String(payload.length) },
    });

    const fail = (failure: TransportFailure, message: string, code?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const error = new TransportError(failure, message, stage, code);
      error.flushed = flushed;
      reject(error);
      // Never back into the pool: a socket that broke an answer may hold the rest of it. The
      // listeners stay attached, so the errors destroying them may still emit are swallowed.
      response?.destroy();
      request.destroy();
    };

    const broken = (error?: NodeJS.ErrnoException) => {
      const code = error?.code;
      const why = code ?? error?.message ?? 'connection closed';
      // Node's HTTP parser: bytes that are not HTTP, or a body longer than its Content-Length.
      if (stage !== 'connecting' && code?.startsWith('HPE_')) return fail('lost', `answer is not valid HTTP (${code})`, code);
      switch (stage) {
        case 'connecting':
          return handshaking
            ? fail('tls', `TLS handshake failed (${why})`, code)
            : fail('connect', `cannot connect (${why})`, code);
        case 'awaiting-answer':
          if (code && RESET_CODES.has(code) && request.reusedSocket) {
            return fail('stale-socket', `pooled connection closed by the server (${code})`, code);
          }
          return fail('lost', `connection broken before any answer byte (${why})`, code);
        case 'headers':
          return fail('lost', `answer broke off after its headers (${why})`, code);
        case 'body':
          return fail('lost', `answer broke off mid-body after ${received} bytes (${why})`, code);
      }
    };

    const timer = setTimeout(() => {
      switch (stage) {
        case 'connecting':
          return handshaking
            ? fail('tls', `TLS handshake not finished within ${timeoutMs} ms`)
            : fail('connect', `no connection within ${timeoutMs} ms`);
        case 'awaiting-answer':
          return fail('timeout', `no answer within ${timeoutMs} ms`);
        case 'headers':
          return fail('timeout', `answer headers, then nothing within ${timeoutMs} ms`);
        case 'body':
          return fail('timeout', `answer body incomplete after ${timeoutMs} ms (${received} bytes)`);
      }
    }, Math.max(1, timeoutMs));

    request.on('socket', (socket: Socket) => {
      // A reused socket is connected (and secure) already; a new one is handed over before its connect completes.
      if (request.reusedSocket) {
        stage = 'awaiting-answer';
        return;
      }
      if (secure) {
        socket.once('connect', () => (handshaking = true));
        socket.once('secureConnect', () => {
          handshaking = false;
          if (stage === 'connecting') stage = 'awaiting-answer';
        });
      } else {
        socket.once('connect', () => {
          if (stage === 'connecting') stage = 'awaiting-answer';
        });
      }
    });
    request.on('finish', () => {
      flushed = true;
    });
    request.on('error', broken);
    request.on('close', () => {
      if (!response) broken();
    });

    request.on('response', (answer) => {
      response = answer;
      stage = 'headers';
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => {
        stage = 'body';
        received += chunk.length;
        if (received > MAX_ANSWER_BYTES) fail('too-large', `answer larger than ${MAX_ANSWER_BYTES} bytes`);
        else chunks.push(chunk);
      });
      answer.on('end', () => {
        const declared = declaredLength(answer.headers);
        if (!answer.complete) return broken();
        if (declared !== undefined && declared !== received) {
          return fail('lost', `answer body of ${received} bytes, Content-Length ${declared}`);
        }
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      answer.on('aborted', () => broken());
      answer.on('error', broken);
      answer.on('close', () => {
        if (!answer.complete) broken();
      });
    });

    request.end(payload);
  });
}
