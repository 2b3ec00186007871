/**
 * The bytes of an answer that a fault breaks, written to the socket by hand so a test controls
 * exactly where they stop: after the status line and headers, mid-body, or at a wrong framing.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HEADER } from '../../../lib/protocol/headers';
import { stringifyJson } from '../../../lib/protocol/json';
import type { RenderedAnswer } from '../answer-rendering';
import { resetConnection } from '../connection-reset';

/** How long a broken answer's bytes are left to reach the client before the reset discards what is unread. */
const RESET_AFTER_MS = 50;

/** The body a failing platform answers (HTTP 500). */
export const INTERNAL_ERROR = { response: { code: '000_001', description: 'Internal system error.' } };

export interface AnswerBytes {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The answer whose bytes a fault breaks: the real one once committed, else the 000_001 a failing platform gives. */
export function brokenAnswer(commit: boolean, rendered: RenderedAnswer): AnswerBytes {
  if (commit) return { status: rendered.status, headers: rendered.headers, body: Buffer.from(stringifyJson(rendered.body), 'utf8') };
  const { [HEADER.cryptoKeyId]: _sealedWith, ...headers } = rendered.headers;
  return { status: 500, headers, body: Buffer.from(stringifyJson(INTERNAL_ERROR), 'utf8') };
}

/** Status line and headers, with the framing headers given (Content-Length or Transfer-Encoding). */
export function head(answer: AnswerBytes, framing: Record<string, string | number>): Buffer {
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`];
  for (const [name, value] of Object.entries({ ...answer.headers, 'Content-Type': 'application/json', ...framing })) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
}

/** The declared framing of the whole body. */
export const contentLength = (answer: AnswerBytes) => ({ 'Content-Length': answer.body.length });

/** The first half of the body. */
export const firstHalf = (answer: AnswerBytes) => answer.body.subarray(0, answer.body.length >> 1);

/** Writes the bytes, then resets the connection a moment later (the client reads what arrived first). */
export function writeThenReset(socket: Socket, ...bytes: Buffer[]): void {
  socket.write(Buffer.concat(bytes), () => setTimeout(() => resetConnection(socket), RESET_AFTER_MS));
}

/** Headers at once, then one body byte every `everyMs` while the client is still there. */
export function trickle(socket: Socket, answer: AnswerBytes, everyMs: number): void {
  socket.write(head(answer, contentLength(answer)));
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= answer.body.length) return clearInterval(timer);
    socket.write(answer.body.subarray(sent, sent + 1));
    sent += 1;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

export const NOT_JSON_PAGE = '<html><head><title>Service Temporarily Unavailable</title></head><body>Please try again later.</body></html>';
