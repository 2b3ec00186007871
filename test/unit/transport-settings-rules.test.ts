/**
 * The transport's settings (lib/upstream/transport.ts module constants), each test on a freshly
 * loaded module so that a change to a setting is seen by the test that pins it: connections kept
 * alive and reused over http and https, at most 64 per host, the reset codes that mark a pooled
 * connection the server had closed, the 1 MiB answer limit.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { freshTransport } from '../support/fresh-transport';
import { failNextPooledSocket } from '../support/pooled-socket-failure';
import { trustedTlsIdentity } from '../support/trust';

/** A server answering `{}` to every request, counting the connections it accepted. */
async function counting(server: Server, scheme: 'http' | 'https') {
  let connections = 0;
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', () => (connections += 1));
  server.on('request', (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/x`),
    connections: () => connections,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('connections', () => {
  const identity = trustedTlsIdentity();

  it.each(['http', 'https'] as const)('are kept alive and reused over %s', async (scheme) => {
    const { postJson } = freshTransport();
    const server = await counting(scheme === 'https' ? createHttpsServer(identity) : createServer(), scheme);
    try {
      for (let call = 0; call < 3; call += 1) expect((await postJson(server.url, {}, '{}', 5000)).status).toBe(200);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('are at most 64 to a host: a 65th call waits for one, and its deadline passes "not sent"', async () => {
    const { postJson } = freshTransport();
    let arrived = 0;
    const hanging = createServer((req) => {
      arrived += 1;
      req.resume();
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/x`);
    try {
      const busy = Array.from({ length: 64 }, () => postJson(url, {}, '{}', 10_000).catch((error: unknown) => error));
      while (arrived < 64) await new Promise((resolve) => setTimeout(resolve, 10));
      const error = await postJson(url, {}, '{}', 200).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ failure: 'connect', notSent: true });
      expect(arrived).toBe(64);
      hanging.closeAllConnections();
      await Promise.all(busy);
    } finally {
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});

describe('a pooled connection reset before any answer byte (ECONNRESET)', () => {
  it('is known as one the server had closed', async () => {
    const { postJson } = freshTransport();
    const sockets = new Set<Socket>();
    const tcp = createTcpServer((socket) => {
      sockets.add(socket);
      let requests = 0;
      socket.on('error', () => undefined);
      socket.on('data', (data) => {
        if (!data.includes('\r\n\r\n')) return;
        requests += 1;
        if (requests > 1) return socket.resetAndDestroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}');
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/x`);
    try {
      await postJson(url, {}, '{}', 5000);
      const error = await postJson(url, {}, '{}', 5000).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ failure: 'stale-socket', code: 'ECONNRESET', stage: 'awaiting-answer' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    }
  });
});

describe('a pooled connection failing before any answer byte with another error', () => {
  afterEach(() => jest.restoreAllMocks());

  async function secondCallFailingWith(code: string) {
    const { postJson } = freshTransport();
    const server = await counting(createServer(), 'http');
    try {
      await postJson(server.url, {}, '{}', 5000);
      const failing = failNextPooledSocket(code);
      const error = await postJson(server.url, {}, '{}', 5000).catch((caught: unknown) => caught);
      expect(failing.failed()).toBe(true);
      return error;
    } finally {
      await server.close();
    }
  }

  it('EPIPE (the request written into a connection the server had closed) is known as one the server had closed, the request not all written', async () => {
    expect(await secondCallFailingWith('EPIPE')).toMatchObject({ failure: 'stale-socket', code: 'EPIPE', stage: 'awaiting-answer', flushed: false, message: 'pooled connection closed by the server (EPIPE)' });
  });

  it('any other (a route lost: EHOSTUNREACH) is a connection broken after the request may have left, never taken for a stale one', async () => {
    expect(await secondCallFailingWith('EHOSTUNREACH')).toMatchObject({ failure: 'lost', code: 'EHOSTUNREACH', stage: 'awaiting-answer', message: 'connection broken before any answer byte (EHOSTUNREACH)' });
  });
});

describe('the answer limit', () => {
  it('is 1 MiB: one of exactly 1 MiB is read, one byte more is refused', async () => {
    const { postJson, MAX_ANSWER_BYTES } = freshTransport();
    expect(MAX_ANSWER_BYTES).toBe(1024 * 1024);
    let size = 1024 * 1024;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('x'.repeat(size)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    try {
      expect((await postJson(url, {}, '{}', 5000)).body).toHaveLength(1024 * 1024);
      size += 1;
      expect(await postJson(url, {}, '{}', 5000).catch((caught: unknown) => caught)).toMatchObject({ failure: 'too-large' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
