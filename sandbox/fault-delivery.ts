/**
 * How an answer goes out (or does not) under a scheduled fault (sandbox/faults.ts). The faults
 * that break an answer write its bytes to the socket themselves, so a test controls exactly where
 * they stop: after the status line and headers, mid-body, or at a wrong framing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HEADER } from '../lib/protocol/headers';
import { stringifyJson } from '../lib/protocol/json';
import { PemKeys, sealJwe } from './compact-jwe';
import { sendAnswer, type RenderedAnswer } from './answer';
import type { AnswerFault } from './faults';
import { sendJson } from './http-io';
import { resetConnection } from './tls-front';

export { FaultPlan } from './faults';

/** Whether the operation's effect is committed before the fault strikes. */
export function faultCommits(fault: AnswerFault): boolean {
  switch (fault.type) {
    case 'drop':
    case 'reset-after-headers':
    case 'reset-mid-body':
    case 'stall-after-headers':
    case 'trickle':
    case 'short-body':
    case 'long-body':
    case 'chunked-cut':
    case 'not-json':
    case 'status': return fault.commit;
    case 'code': return false;
    case 'delay':
    case 'malformed':
    case 'bad-encryption':
    case 'pending': return true;
  }
}

let strangerKey: string | undefined;
const strangerKeys = new PemKeys();

/** A public key no client holds, made once: answers sealed to it cannot be opened. */
function strangerPublicKey(): string {
  strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return strangerKey;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a broken answer's bytes are left to reach the client before the reset discards what is unread. */
const RESET_AFTER_MS = 50;

const INTERNAL_ERROR = { response: { code: '000_001', description: 'Internal system error.' } };

/** The answer whose bytes a fault breaks: the real one once committed, else the 000_001 a failing platform gives. */
function brokenAnswer(fault: { commit: boolean }, rendered: RenderedAnswer): { status: number; headers: Record<string, string>; body: Buffer } {
  if (fault.commit) return { status: rendered.status, headers: rendered.headers, body: Buffer.from(stringifyJson(rendered.body), 'utf8') };
  const { [HEADER.cryptoKeyId]: _sealedWith, ...headers } = rendered.headers;
  return { status: 500, headers, body: Buffer.from(stringifyJson(INTERNAL_ERROR), 'utf8') };
}

function head(status: number, headers: Record<string, string>, framing: Record<string, string | number>): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
  for (const [name, value] of Object.entries({ ...headers, 'Content-Type': 'application/json', ...framing })) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Writes the bytes, then resets the connection a moment later (the client reads what arrived first). */
function writeThenReset(socket: Socket, bytes: string | Buffer): void {
  socket.write(bytes, () => setTimeout(() => resetConnection(socket), RESET_AFTER_MS));
}

/** Headers at once, then one body byte every `everyMs` while the client is still there. */
function trickle(socket: Socket, headBytes: string, body: Buffer, everyMs: number): void {
  socket.write(headBytes);
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= body.length) return clearInterval(timer);
    socket.write(body.subarray(sent, sent + 1));
    sent += 1;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

const NOT_JSON_PAGE = '<html><head><title>Service Temporarily Unavailable</title></head><body>Please try again later.</body></html>';

export async function deliverWithFault(req: IncomingMessage, res: ServerResponse, fault: AnswerFault, rendered: RenderedAnswer): Promise<void> {
  const socket = req.socket;
  switch (fault.type) {
    case 'drop':
      // No answer at all: the socket goes, as when the platform or a proxy dies mid-request.
      socket.destroy();
      return;
    case 'reset-after-headers': {
      const answer = brokenAnswer(fault, rendered);
      return writeThenReset(socket, head(answer.status, answer.headers, { 'Content-Length': answer.body.length }));
    }
    case 'reset-mid-body': {
      const answer = brokenAnswer(fault, rendered);
      const half = answer.body.subarray(0, answer.body.length >> 1);
      return writeThenReset(socket, Buffer.concat([Buffer.from(head(answer.status, answer.headers, { 'Content-Length': answer.body.length })), half]));
    }
    case 'stall-after-headers': {
      const answer = brokenAnswer(fault, rendered);
      socket.write(head(answer.status, answer.headers, { 'Content-Length': answer.body.length }));
      return;
    }
    case 'trickle': {
      const answer = brokenAnswer(fault, rendered);
      return trickle(socket, head(answer.status, answer.headers, { 'Content-Length': answer.body.length }), answer.body, fault.byteEveryMs);
    }
    case 'short-body': {
      const answer = brokenAnswer(fault, rendered);
      socket.end(Buffer.concat([Buffer.from(head(answer.status, answer.headers, { 'Content-Length': answer.body.length + 64 })), answer.body]));
      return;
    }
    case 'long-body': {
      // One write, so the client reads the declared half and the rest together: a framing error, not a success.
      const answer = brokenAnswer(fault, rendered);
      socket.end(Buffer.concat([Buffer.from(head(answer.status, answer.headers, { 'Content-Length': answer.body.length >> 1 })), answer.body]));
      return;
    }
    case 'chunked-cut': {
      const answer = brokenAnswer(fault, rendered);
      const half = answer.body.subarray(0, answer.body.length >> 1);
      socket.end(Buffer.concat([Buffer.from(head(answer.status, answer.headers, { 'Transfer-Encoding': 'chunked' })), Buffer.from(`${half.length.toString(16)}\r\n`), half, Buffer.from('\r\n')]));
      return;
    }
    case 'not-json': {
      const answer = brokenAnswer(fault, rendered);
      res.writeHead(answer.status, { ...answer.headers, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(NOT_JSON_PAGE) });
      res.end(NOT_JSON_PAGE);
      return;
    }
    case 'delay':
      await sleep(fault.ms);
      if (!res.destroyed && !socket.destroyed) sendAnswer(res, rendered);
      return;
    case 'status':
      if (fault.html) {
        res.writeHead(fault.status, { 'Content-Type': 'text/html' });
        res.end(`<html><body><h1>${fault.status}</h1></body></html>`);
        return;
      }
      sendJson(res, fault.status, INTERNAL_ERROR, rendered.headers);
      return;
    case 'malformed':
      res.writeHead(200, { ...rendered.headers, 'Content-Type': 'application/json' });
      res.end('{"response":{"code":"000_000","descr');
      return;
    case 'bad-encryption': {
      const encData = await sealJwe('{"response":{"code":"000_000","description":"Success."}}', strangerPublicKey(), strangerKeys, 'RSA-OAEP-256', 'A128GCM');
      sendJson(res, 200, { encData }, rendered.headers);
      return;
    }
    case 'pending':
    case 'code':
      // Applied by the behaviour (pending) or before it (code): the answer goes out as rendered.
      sendAnswer(res, rendered);
      return;
  }
  return unhandled(fault);
}

/** Compiles only while every fault type above has its case. */
function unhandled(fault: never): never {
  throw new Error(`no delivery for fault ${JSON.stringify(fault)}`);
}
