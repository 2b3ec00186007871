/**
 * Stand-ins for the platform that answer from a script, for tests of the upstream client's rules
 * (test/unit/*-rules.test.ts): one step per request (the last one repeats), or a step chosen from
 * each request as it comes (its path and body), with the time each request arrived, and a server
 * that breaks every TLS handshake (a request that surely never left).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../../lib/errors';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** Answered with this status and body, after `delayMs`. */
export interface Answer {
  status: number;
  body: string;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** An answer, or none ever. */
export type Step = Answer | 'hang';

/** What the stand-in received of one request. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Steps in order (the last one repeats), or the step for each request, chosen from what it received. */
export type Script = Step[] | ((request: Received) => Step);

export interface ScriptedPlatform {
  /** The base URL to give the gateway. */
  url: string;
  /** performance.now() at each request's arrival, in order. */
  arrivals: number[];
  /** Each request's path, headers and body, in order. */
  received: Received[];
  close: () => Promise<void>;
}

/** The platform's envelope, answered with `fields`. */
export const answer = (code: string, fields: Record<string, unknown> = {}, status = code === '000_000' ? 200 : 400): Answer =>
  ({ status, body: JSON.stringify({ response: { code, description: code === '000_000' ? 'Success' : 'Refused' }, ...fields }) });

export const UNAVAILABLE: Answer = { status: 503, body: '{"response":{"code":"000_001","description":"System error"}}' };

export async function scriptedPlatform(script: Script): Promise<ScriptedPlatform> {
  const arrivals: number[] = [];
  const received: Received[] = [];
  const server = createServer((req, res) => {
    arrivals.push(performance.now());
    const listed = typeof script === 'function' ? undefined : script[Math.min(received.length, script.length - 1)]!;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const step = typeof script === 'function' ? script(request) : listed!;
      if (step === 'hang') return;
      const reply = () => res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers }).end(step.body);
      if (step.delayMs) setTimeout(reply, step.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-api`,
    arrivals,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** An https base URL whose every TLS handshake is reset: no request byte ever reaches it. */
export async function brokenHandshakes(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    // The client's hello arrives; the handshake is broken off before any certificate is sent.
    socket.once('data', () => socket.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/open-api`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * One stand-in at a time for a test file: `platform(script)` starts it, `stopPlatform()` closes it
 * early (nothing listens any more); whatever is still open is closed after each test.
 */
export function scriptedPlatforms() {
  let stand: ScriptedPlatform | undefined;
  const stopPlatform = async () => {
    await stand?.close();
    stand = undefined;
  };
  afterEach(stopPlatform);
  const platform = async (script: Script): Promise<ScriptedPlatform> => (stand = await scriptedPlatform(script));
  return { platform, stopPlatform };
}

/** The GatewayError a call fails with (any other error is rethrown; success fails the test). */
export async function gatewayFailure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
