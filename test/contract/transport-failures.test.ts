/**
 * lib/upstream/transport.ts against raw servers on 127.0.0.1 that write exactly the broken bytes:
 * every way an answer can fail settles once, inside the deadline, classified by where the bytes
 * stopped, and leaves no socket behind.
 */
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { postJson, TransportError, type HttpAnswer, type TransportFailure, type TransportStage } from '../../lib/upstream/transport';
import { tlsIdentity } from '../support/keys';
import { trustedTlsIdentity } from '../support/trust';

const DEADLINE_MS = 800;
/** Timers, a loopback round trip and a busy CI machine. */
const SLACK_MS = 250;
const BODY = '{"response":{"code":"000_000","description":"Success."},"userId":50000104652,"isPending":false}';

interface RawServer {
  url: string;
  /** Bytes the server read on each connection, in order. */
  received: Buffer[];
  /** Connections still open on the server side. */
  open: Set<Socket>;
  close(): Promise<void>;
}

/** Calls `answer` once a whole request (headers and Content-Length body) has arrived on a connection. */
function onRequest(answer: (socket: Socket) => void) {
  return (socket: Socket, received: Buffer[]) => {
    let buffered = Buffer.alloc(0);
    const index = received.push(buffered) - 1;
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      received[index] = buffered;
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buffered.subarray(0, end).toString())?.[1] ?? 0);
      if (buffered.length >= end + 4 + length) {
        buffered = Buffer.alloc(0);
        answer(socket);
      }
    });
  };
}

async function rawServer(onConnection: (socket: Socket, received: Buffer[]) => void, tls?: { key: string; cert: string }, scheme = tls ? 'https' : 'http'): Promise<RawServer> {
  const received: Buffer[] = [];
  const open = new Set<Socket>();
  const accept = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket, received);
  };
  const server: Server = tls ? createTlsServer(tls, accept) : createTcpServer(accept);
  if (tls) server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}/open-api/x`,
    received,
    open,
    close: () => new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

const head = (framing: string) => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`;
const length = `Content-Length: ${BODY.length}`;
const later = (ms: number, fn: () => void) => setTimeout(fn, ms);

async function post(server: RawServer, deadlineMs = DEADLINE_MS): Promise<{ ms: number; answer?: HttpAnswer; error?: TransportError }> {
  const started = Date.now();
  try {
    const answer = await postJson(new URL(server.url), { 'Content-Type': 'application/json' }, '{"userId":50000104652}', deadlineMs);
    return { ms: Date.now() - started, answer };
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    return { ms: Date.now() - started, error };
  }
}

/** The client gave the socket up: the server sees every connection closed shortly after. */
async function expectNoSocketLeft(server: RawServer): Promise<void> {
  for (let waited = 0; server.open.size > 0 && waited < 1000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(server.open.size).toBe(0);
}

/** What broke, the failure and stage it is, how the answer went, and the message saying so (logs, error details). */
type Case = [string, TransportFailure, TransportStage | TransportStage[], (socket: Socket) => void, RegExp];

const plainCases: Case[] = [
  ['no answer at all', 'timeout', 'awaiting-answer', () => undefined, /^no answer within 800 ms$/],
  ['a reset before any answer byte', 'lost', 'awaiting-answer', (s) => s.resetAndDestroy(), /^connection broken before any answer byte \(ECONNRESET\)$/],
  ['a clean close before any answer byte', 'lost', 'awaiting-answer', (s) => s.end(), /^connection broken before any answer byte \(ECONNRESET\)$/],
  ['a reset after the status line and headers', 'lost', 'headers', (s) => s.write(head(length), () => later(30, () => s.resetAndDestroy())), /^answer broke off after its headers \(ECONNRESET\)$/],
  ['a reset mid-body', 'lost', 'body', (s) => s.write(head(length) + BODY.slice(0, 20), () => later(30, () => s.resetAndDestroy())), /^answer broke off mid-body after 20 bytes \(ECONNRESET\)$/],
  ['headers, then silence', 'timeout', 'headers', (s) => s.write(head(length)), /^answer headers, then nothing within 800 ms$/],
  ['a body trickling slower than the deadline', 'timeout', 'body', (s) => {
    s.write(head(length));
    let sent = 0;
    const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(BODY[sent++] ?? '')), 40);
  }, /^answer body incomplete after 800 ms \(\d+ bytes\)$/],
  ['a body shorter than its Content-Length, then a clean close', 'lost', 'body', (s) => s.end(head(`Content-Length: ${BODY.length + 40}`) + BODY), new RegExp(`^answer broke off mid-body after ${BODY.length} bytes \\(connection closed\\)$`)],
  ['a body longer than its Content-Length', 'lost', ['headers', 'body'], (s) => s.end(head(`Content-Length: ${BODY.length >> 1}`) + BODY), /^answer is not valid HTTP \(HPE_[A-Z_]+\)$/],
  ['a chunked body cut before its last chunk', 'lost', 'body', (s) => s.end(`${head('Transfer-Encoding: chunked')}14\r\n${BODY.slice(0, 20)}\r\n`), /^answer broke off mid-body after 20 bytes \(connection closed\)$/],
];

describe('an answer breaking over plain HTTP', () => {
  it.each(plainCases)('%s settles inside the deadline as %s at %s', async (_what, failure, stage, answer, message) => {
    const server = await rawServer(onRequest(answer));
    try {
      const { ms, error } = await post(server);
      expect(error).toBeDefined();
      expect(error!.failure).toBe(failure);
      expect([stage].flat()).toContain(error!.stage);
      expect(error!.notSent).toBe(false);
      expect(error!.message).toMatch(message);
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
      if (failure === 'timeout') expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
      await expectNoSocketLeft(server);
    } finally {
      await server.close();
    }
  });

  it('settles on the whole answer when it is well framed, and keeps the connection for the next call', async () => {
    const server = await rawServer(onRequest((s) => s.write(head(length) + BODY)));
    try {
      const first = await post(server);
      const second = await post(server);
      expect(first.answer).toMatchObject({ status: 200, body: BODY });
      expect(second.answer).toMatchObject({ status: 200, body: BODY });
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['truncated JSON in a complete message', (s: Socket) => s.write(head(`Content-Length: 20`) + BODY.slice(0, 20))],
    ['a body ended by the close of a Connection: close answer', (s: Socket) => s.end(`${head('Connection: close')}${BODY.slice(0, 20)}`)],
    ['an HTML page', (s: Socket) => s.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>')],
  ])('hands %s over as an answer, for the caller to find unreadable', async (_what, answer) => {
    const server = await rawServer(onRequest(answer));
    try {
      const { answer: got } = await post(server);
      expect(got?.status).toBe(200);
      expect(() => JSON.parse(got!.body)).toThrow();
    } finally {
      await server.close();
    }
  });

  it('sends nothing once the deadline has passed, not even on a pooled connection: "not sent"', async () => {
    let requests = 0;
    const server = await rawServer(onRequest((s) => {
      requests += 1;
      s.write(head(length) + BODY);
    }));
    try {
      expect((await post(server)).answer?.status).toBe(200);
      const late = await postJson(new URL(server.url), { 'Content-Type': 'application/json' }, '{}', 0).then(() => undefined, (error: TransportError) => error);
      // The operator's log says why nothing went out.
      expect(late).toMatchObject({ failure: 'connect', stage: 'connecting', notSent: true, message: expect.stringContaining('the deadline passed before the request could be sent') });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('says "not sent" when nothing listens', async () => {
    const server = await rawServer(() => undefined);
    await server.close();
    const { ms, error } = await post(server);
    expect(error).toMatchObject({ failure: 'connect', stage: 'connecting', notSent: true });
    expect(ms).toBeLessThan(DEADLINE_MS);
  });
});

describe('over TLS', () => {
  const identity = trustedTlsIdentity();

  /** A TCP server that plays the TLS server's part only as far as `onHello` lets it. */
  const handshakeServer = (onHello: (socket: Socket) => void) => rawServer((socket, received) => {
    const index = received.push(Buffer.alloc(0)) - 1;
    socket.once('data', (hello: Buffer) => {
      received[index] = hello;
      onHello(socket);
    });
  }, undefined, 'https');

  it.each<[string, () => Promise<RawServer>, boolean, RegExp]>([
    ['a reset after the client hello', () => handshakeServer((s) => s.resetAndDestroy()), false, /^TLS handshake failed \(ECONNRESET\)$/],
    ['a close after the client hello', () => handshakeServer((s) => s.end()), false, /^TLS handshake failed \(ECONNRESET\)$/],
    ['a server that never answers the hello', () => handshakeServer(() => undefined), true, /^TLS handshake not finished within 800 ms$/],
    ['a certificate the gateway does not trust', () => rawServer(onRequest((s) => s.end()), tlsIdentity()), false, /^TLS handshake failed \([A-Z_]+\)$/],
  ])('a handshake failing by %s is "not sent": no request byte leaves before the handshake completes', async (_what, start, timesOut, message) => {
    const server = await start();
    try {
      const { ms, error } = await post(server);
      expect(error).toMatchObject({ failure: 'tls', stage: 'connecting', notSent: true });
      expect(error!.message).toMatch(message);
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
      if (!timesOut) expect(ms).toBeLessThan(DEADLINE_MS / 2);
      // All the server ever read is TLS handshake records (content type 22), never the request.
      for (const bytes of server.received) {
        expect(bytes.toString('latin1')).not.toContain('POST');
        if (bytes.length > 0) expect(bytes[0]).toBe(0x16);
      }
      await expectNoSocketLeft(server);
    } finally {
      await server.close();
    }
  });

  it.each<[string, (socket: Socket) => void, TransportFailure, RegExp]>([
    ['no answer at all', () => undefined, 'timeout', /^no answer within 800 ms$/],
    ['a close before any answer byte', (s) => s.destroy(), 'lost', /^connection broken before any answer byte \(ECONNRESET\)$/],
  ])('a trusted handshake, the request, then %s: never "not sent", the request may have arrived', async (_what, answer, failure, message) => {
    const server = await rawServer(onRequest(answer), identity);
    try {
      const { error } = await post(server);
      expect(error).toMatchObject({ failure, stage: 'awaiting-answer', notSent: false });
      expect(error!.message).toMatch(message);
      expect(server.received.join('')).toContain('POST /open-api/x');
    } finally {
      await server.close();
    }
  });

  it('a trusted handshake then an answer broken mid-body is "lost", not "not sent"', async () => {
    const server = await rawServer(onRequest((s) => s.write(head(length) + BODY.slice(0, 20), () => later(30, () => s.destroy()))), identity);
    try {
      const { error } = await post(server);
      expect(error).toMatchObject({ failure: 'lost', stage: 'body', notSent: false });
      expect(error!.message).toMatch(/^answer broke off mid-body after 20 bytes \([A-Za-z_ ]+\)$/);
      expect(server.received.join('')).toContain('POST /open-api/x');
    } finally {
      await server.close();
    }
  });

  it('a trusted handshake and a whole answer succeed', async () => {
    const server = await rawServer(onRequest((s) => s.write(head(length) + BODY)), identity);
    try {
      expect((await post(server)).answer).toMatchObject({ status: 200, body: BODY });
    } finally {
      await server.close();
    }
  });
});
