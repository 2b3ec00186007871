/**
 * What each sandbox fault puts on the wire, read by a raw TCP/TLS client (no HTTP parser, nothing
 * of lib/): where the bytes stop, how the connection ends, and the control API that schedules them.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { AnswerFault } from '../../sandbox/platform/faults/kinds';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { trustedTlsIdentity } from '../support/trust';
import { HONG, PATHS, startTestPlatform } from './support/fixtures';
import { signedHeaders, type ClientIdentity } from './support/kona-client';

const identity = trustedTlsIdentity();
let plain: PlatformHandle;
let secure: PlatformHandle;
let client: ClientIdentity;

beforeAll(async () => {
  const started = await startTestPlatform();
  ({ platform: plain, identity: client } = started);
  ({ platform: secure } = await startTestPlatform({ project: started.credentials.project, tls: identity }));
});
afterAll(() => Promise.all([plain.close(), secure.close()]));

interface Wire {
  bytes: Buffer;
  /** How the connection ended, or 'open' when it was still open after `watchMs`. */
  ending: 'reset' | 'closed' | 'open' | string;
  /** Arrival time (ms after the request) of each chunk. */
  arrivals: number[];
}

function requestBytes(who: ClientIdentity): string {
  const body = JSON.stringify({ userId: HONG });
  const headers = signedHeaders(who, body, { cryptoKeyId: who.cryptoKeys[0]!.id });
  const lines = Object.entries({ ...headers, Host: '127.0.0.1', 'Content-Length': String(body.length) }).map(([name, value]) => `${name}: ${value}`);
  return `POST /open-api${PATHS.accounts} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Sends one signed request on a fresh connection and records every byte until the connection ends or `watchMs` passes. */
function exchange(socket: Socket, request: string, watchMs = 600): Promise<Wire> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const arrivals: number[] = [];
    const started = Date.now();
    const done = (ending: Wire['ending']) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), ending, arrivals });
    };
    const timer = setTimeout(() => done('open'), watchMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      arrivals.push(Date.now() - started);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNRESET' ? 'reset' : error.code ?? error.message));
    socket.on('end', () => done('closed'));
    socket.write(request);
  });
}

const openPlain = (platform: PlatformHandle) => tcpConnect(Number(new URL(platform.url).port), '127.0.0.1');
const openSecure = (platform: PlatformHandle, ca = identity.cert) => tlsConnect({ port: Number(new URL(platform.url).port), host: '127.0.0.1', ca });

function parse(bytes: Buffer) {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const length = /\r\ncontent-length: (\d+)/i.exec(head)?.[1];
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]),
    head,
    contentLength: length === undefined ? undefined : Number(length),
    chunked: /\r\ntransfer-encoding: chunked/i.test(head),
    body: end < 0 ? '' : text.slice(end + 4),
  };
}

describe.each([
  ['plain HTTP', () => plain, openPlain],
  ['TLS', () => secure, (platform: PlatformHandle) => openSecure(platform)],
])('over %s', (_transport, platformOf, open) => {
  let platform: PlatformHandle;
  beforeAll(() => {
    platform = platformOf();
  });
  beforeEach(() => platform.faults.clear());

  async function faulted(fault: AnswerFault, watchMs?: number) {
    platform.faults.schedule('bankAccountInquiry', fault);
    const wire = await exchange(open(platform), requestBytes(client), watchMs);
    return { wire, answer: parse(wire.bytes) };
  }

  it.each([true, false])('drop (commit %s): no answer byte, the connection closed', async (commit) => {
    const { wire } = await faulted({ type: 'drop', commit });
    expect(wire.bytes.length).toBe(0);
    expect(['closed', 'reset']).toContain(wire.ending);
  });

  it.each([[true, 200], [false, 500]])('reset-after-headers (commit %s): the status line (%s) and headers, then a reset', async (commit, status) => {
    const { wire, answer } = await faulted({ type: 'reset-after-headers', commit });
    expect(answer.status).toBe(status);
    expect(answer.contentLength).toBeGreaterThan(0);
    expect(answer.body).toBe('');
    expect(wire.ending).toBe('reset');
  });

  it('reset-mid-body: headers and part of the body, then a reset', async () => {
    const { wire, answer } = await faulted({ type: 'reset-mid-body', commit: true });
    expect(answer.body.length).toBeGreaterThan(0);
    expect(answer.body.length).toBeLessThan(answer.contentLength!);
    expect(wire.ending).toBe('reset');
  });

  it('stall-after-headers: headers, then silence on an open connection', async () => {
    const { wire, answer } = await faulted({ type: 'stall-after-headers', commit: true }, 400);
    expect(answer.contentLength).toBeGreaterThan(0);
    expect(answer.body).toBe('');
    expect(wire.ending).toBe('open');
  });

  it('trickle: headers at once, then the body a byte at a time', async () => {
    const { wire, answer } = await faulted({ type: 'trickle', commit: true, byteEveryMs: 50 }, 500);
    expect(wire.ending).toBe('open');
    expect(answer.body.length).toBeGreaterThan(2);
    expect(answer.body.length).toBeLessThan(15);
    expect(wire.arrivals.length).toBeGreaterThan(3);
  });

  it('short-body: a Content-Length larger than the body, then a clean close', async () => {
    const { wire, answer } = await faulted({ type: 'short-body', commit: true });
    expect(() => JSON.parse(answer.body)).not.toThrow();
    expect(answer.contentLength).toBeGreaterThan(answer.body.length);
    expect(wire.ending).toBe('closed');
  });

  it('long-body: more body than its Content-Length, then a clean close', async () => {
    const { wire, answer } = await faulted({ type: 'long-body', commit: true });
    expect(answer.body.length).toBeGreaterThan(answer.contentLength!);
    expect(wire.ending).toBe('closed');
  });

  it('chunked-cut: a chunked body without its last chunk, then a clean close', async () => {
    const { wire, answer } = await faulted({ type: 'chunked-cut', commit: true });
    expect(answer.chunked).toBe(true);
    expect(answer.contentLength).toBeUndefined();
    expect(answer.body).toMatch(/^[0-9a-f]+\r\n/);
    expect(answer.body.endsWith('0\r\n\r\n')).toBe(false);
    expect(wire.ending).toBe('closed');
  });

  it('not-json: a complete answer whose body is an HTML page', async () => {
    const { answer } = await faulted({ type: 'not-json', commit: true }, 200);
    expect(answer.status).toBe(200);
    expect(answer.head).toMatch(/content-type: text\/html/i);
    expect(answer.body.length).toBe(answer.contentLength);
    expect(answer.body).toMatch(/^<html>/);
  });

  it('commits the effect only when the fault says so', async () => {
    for (const commit of [true, false]) {
      await faulted({ type: 'short-body', commit });
      expect(platform.requests.list().at(-1)).toMatchObject({ fault: 'short-body', committed: commit });
    }
  });
});

describe('tls-handshake, a connection fault', () => {
  const control = async (platform: PlatformHandle, method: string, body?: unknown) => {
    const url = platform.url.replace(/\/open-api$/, '/__sandbox/faults');
    const answer = await fetch(url, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
    return { status: answer.status, json: (await answer.json()) as Record<string, any> };
  };

  it.each<[string, string]>([
    ['reset', 'reset'],
    ['untrusted-certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ])('how %s: the next new connection fails its handshake (%s) before any request byte; the one after succeeds', async (how, code) => {
    secure.faults.scheduleConnection({ type: 'tls-handshake', how: how as 'reset' });
    const before = secure.requests.size;
    const failed = await exchange(openSecure(secure), requestBytes(client));
    expect(failed.ending).toBe(code);
    expect(failed.bytes.length).toBe(0);
    expect(secure.requests.size).toBe(before);
    const next = await exchange(openSecure(secure), requestBytes(client));
    expect(parse(next.bytes).status).toBeGreaterThan(0);
    expect(secure.faults.firedCounts()['tls-handshake']).toBeGreaterThan(0);
  });

  it('is scheduled through the control API without an operation, on a TLS sandbox only', async () => {
    const fault = { type: 'tls-handshake', how: 'reset' };
    expect(await control(secure, 'POST', { fault, count: 2 })).toMatchObject({ status: 201, json: { fault, count: 2 } });
    // Read back on the handle: a new connection to the control API would meet the fault itself.
    expect(secure.faults.pendingConnections()).toEqual([{ fault, remaining: 2 }]);
    secure.faults.clear();
    expect(await control(plain, 'POST', { fault })).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining('served over TLS') } } });
    expect(await control(secure, 'POST', { operation: 'bankAccountInquiry', fault })).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining('without operation') } } });
  });
});

describe('POST /__sandbox/faults validation', () => {
  const post = async (body: unknown) => {
    const answer = await fetch(plain.url.replace(/\/open-api$/, '/__sandbox/faults'), { method: 'POST', body: JSON.stringify(body) });
    return { status: answer.status, json: (await answer.json()) as Record<string, any> };
  };
  afterEach(() => plain.faults.clear());

  it.each([
    [{ type: 'reset-mid-body' }, 'reset-mid-body.commit must be true or false'],
    [{ type: 'trickle', commit: true }, 'trickle.byteEveryMs must be 1..10000'],
    [{ type: 'trickle', commit: true, byteEveryMs: 0 }, 'trickle.byteEveryMs must be 1..10000'],
    [{ type: 'tls-handshake', how: 'slowly' }, 'tls-handshake.how must be reset or untrusted-certificate'],
    [{ type: 'explode' }, 'fault.type must be one of'],
  ])('refuses %j naming the rule', async (fault, message) => {
    const { status, json } = await post({ operation: 'bankAccountInquiry', fault });
    expect(status).toBe(400);
    expect(json.error.message).toContain(message);
  });

  it('refuses a pending fault for an operation whose answer cannot pend (a card payment, a refund), not for a charge', async () => {
    for (const operation of ['paymentApprove', 'cardBalanceRefund']) {
      const { status, json } = await post({ operation, fault: { type: 'pending', then: 'COMPLETED' } });
      expect([status, json.error.message]).toEqual([400, `${operation} cannot answer pending (its answer has no isPending)`]);
    }
    expect((await post({ operation: 'chargeByBankAccount', fault: { type: 'pending', then: 'FAILED' } })).status).toBe(201);
  });

  it('schedules a new fault kind and lists it', async () => {
    expect((await post({ operation: 'chargeByBankAccount', fault: { type: 'chunked-cut', commit: true }, count: 2 })).status).toBe(201);
    const listed = await fetch(plain.url.replace(/\/open-api$/, '/__sandbox/faults')).then((r) => r.json() as Promise<Record<string, any>>);
    expect(listed.scheduled.chargeByBankAccount).toEqual([{ fault: { type: 'chunked-cut', commit: true }, remaining: 2 }]);
    expect(listed.connections).toEqual([]);
  });
});
