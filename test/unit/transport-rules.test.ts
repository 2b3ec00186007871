/**
 * One platform call's rules (lib/upstream/call.ts, transport.ts), against stand-ins on 127.0.0.1:
 * what goes on the wire for a plain and an encrypted operation, which correlation id the caller
 * gets, what each way of failing becomes (unreadable, refused credentials behind a proxy page, no
 * answer in time, a broken answer, an answer too large), and the resend of a request whose pooled
 * connection the server had closed.
 */
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { bankAccountInquiry, cardStatusChange, userRegister } from '../../lib/catalog';
import { parseCredentials } from '../../lib/credentials';
import { GatewayError } from '../../lib/errors';
import { decryptJwe, KeyCache, parseJson, sealBody, tranMac } from '../../lib/protocol';
import { callPlatform } from '../../lib/upstream/call';
import { MAX_ANSWER_BYTES, postJson, TransportError } from '../../lib/upstream/transport';
import { testSecret } from '../support/keys';
import { failNextPooledSocket } from '../support/pooled-socket-failure';
import { publishedMetrics } from '../support/published-metrics';
import { answer, gatewayFailure, scriptedPlatforms } from '../support/scripted-platform';

const keys = new KeyCache();
const { secret, platformPrivateKey } = testSecret();
const credentials = parseCredentials(JSON.stringify(secret), 'transport-rules');
const member = { loginId: 'wire@example.com', loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Male', userName: '전송', email: 'wire@example.com', mobileNumber: '01012345678' };
const statusChange = { userId: 50000104652, cardNo: '9491339401250765', cardStatus: 'SUSPENDED' };

const { platform, stopPlatform } = scriptedPlatforms();

const CORRELATION_ID = /^\d{12}-[0-9a-f]{7}$/;

const call = (op: Parameters<typeof callPlatform>[0], input: unknown, url: string, ms = 5000, creds = credentials) =>
  callPlatform(op, input, { baseUrl: url, credentials: creds, deadline: Date.now() + ms, keys });

const failure = gatewayFailure;

describe('on the wire', () => {
  it('a plain operation sends its JSON as is, signed over those bytes, with no crypto key id', async () => {
    const { url, received } = await platform([answer('000_000')]);
    await call(cardStatusChange, statusChange, url);
    const [sent] = received;
    expect(sent!.path).toBe(`/open-api${cardStatusChange.path}`);
    expect(parseJson(sent!.body)).toEqual(statusChange);
    const token = sent!.headers['x-km-tran-token'] as string;
    expect(token).toMatch(/^KMV1:\d{17}:/);
    expect(token.slice(5, 19)).toBe(sent!.headers['x-km-tran-time']);
    expect(token.slice(23)).toBe(tranMac(secret.secretKey, sent!.body));
    expect(sent!.headers['content-length']).toBe(String(Buffer.byteLength(sent!.body)));
    expect(sent!.headers).not.toHaveProperty('x-km-crypto-key-id');
  });

  it('an encrypted operation sends {"encData"} that the platform key opens, and names the key pair', async () => {
    const { url, received } = await platform([answer('000_000', { userId: 50000104653 })]);
    await call(userRegister, member, url);
    const [sent] = received;
    const jwe = (parseJson(sent!.body) as { encData: string }).encData;
    expect(parseJson(decryptJwe(jwe, platformPrivateKey, keys))).toEqual(member);
    expect(sent!.headers['x-km-crypto-key-id']).toBe(secret.cryptoKeys[0]!.id);
    expect((sent!.headers['x-km-tran-token'] as string).slice(23)).toBe(tranMac(secret.secretKey, sent!.body));
  });

  it('an operation that encrypts only its answer names the key pair too', async () => {
    const { url, received } = await platform([answer('000_000', { isAutoRcgAccRegAllowed: true })]);
    await call(bankAccountInquiry, { userId: 1 }, url);
    expect(parseJson(received[0]!.body)).toEqual({ userId: 1 });
    expect(received[0]!.headers['x-km-crypto-key-id']).toBe(secret.cryptoKeys[0]!.id);
  });

  it('an operation that needs a key pair is refused as a configuration error when the secret holds none, and nothing is sent', async () => {
    const { url, received } = await platform([answer('000_000')]);
    const keyless = { ...credentials, cryptoKeys: [] };
    const error = await failure(call(userRegister, member, url, 5000, keyless));
    expect(error.kind).toBe('configuration');
    expect(error.message).toBe('operation userRegister needs a crypto key but the secret holds none');
    expect(received).toHaveLength(0);
  });

  it('goes to each operation\'s own path under the base URL, trailing slashes or not', async () => {
    const { url, received } = await platform([answer('000_000')]);
    await call(cardStatusChange, statusChange, `${url}//`);
    await call(bankAccountInquiry, { userId: 1 }, url);
    expect(received.map((r) => r.path)).toEqual([`/open-api${cardStatusChange.path}`, `/open-api${bankAccountInquiry.path}`]);
  });
});

describe('the answer', () => {
  it('carries the platform\'s correlation id when it sends one, ours otherwise', async () => {
    const { url, received } = await platform([
      { ...answer('000_000'), headers: { 'X-KM-Correlation-Id': '251125143005-platfrm' } },
      answer('000_000'),
    ]);
    expect((await call(cardStatusChange, statusChange, url)).correlationId).toBe('251125143005-platfrm');
    expect((await call(cardStatusChange, statusChange, url)).correlationId).toBe(received[1]!.headers['x-km-correlation-id']);
  });

  it('encrypted is opened with the key pair its X-KM-Crypto-Key-Id names', async () => {
    const other = testSecret();
    const pairs = { ...credentials, cryptoKeys: [credentials.cryptoKeys[0]!, { ...other.secret.cryptoKeys[0]! }] };
    const sealed = sealBody('{"response":{"code":"000_000"},"isAutoRcgAccRegAllowed":true}', other.clientPublicKey, keys);
    const { url } = await platform([{ status: 200, body: sealed, headers: { 'X-KM-Crypto-Key-Id': other.secret.cryptoKeys[0]!.id } }]);
    expect((await call(bankAccountInquiry, { userId: 1 }, url, 5000, pairs)).data).toEqual({ isAutoRcgAccRegAllowed: true });
  });

  it('that cannot be read is "unavailable", maybe taken effect, naming the HTTP status and correlation id', async () => {
    const { url, received } = await platform([{ status: 200, body: '<html>maintenance</html>' }]);
    const error = await failure(call(cardStatusChange, statusChange, url));
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'maybe-sent', message: 'unreadable answer: answer is not JSON' });
    expect(error.details).toEqual({ platformStatus: 200, correlationId: received[0]!.headers['x-km-correlation-id'] });
  });

  it.each(['null', '[]', '{"isAutoRcgAccRegAllowed":true}'])('%s, with no result envelope, is "unavailable", maybe taken effect', async (body) => {
    const { url } = await platform([{ status: 200, body }]);
    const error = await failure(call(bankAccountInquiry, { userId: 1 }, url));
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'maybe-sent', message: 'platform answered HTTP 200 without a result envelope' });
  });

  it('that cannot be read but says 401 or 403 refuses the credentials', async () => {
    const { url } = await platform([{ status: 403, body: '<html>Forbidden</html>' }]);
    const error = await failure(call(cardStatusChange, statusChange, url));
    expect(error).toMatchObject({ kind: 'platform_auth', delivery: 'refused' });
  });
});

describe('no answer', () => {
  it('in time is a timeout, maybe taken effect', async () => {
    const { url, received } = await platform(['hang']);
    const error = await failure(call(cardStatusChange, statusChange, url, 300));
    expect(error).toMatchObject({ kind: 'timeout', delivery: 'maybe-sent', message: 'the platform did not answer in time' });
    expect(error.details.correlationId).toBe(received[0]!.headers['x-km-correlation-id']);
  });

  it('where nothing listens is "unavailable", surely not sent', async () => {
    const { url } = await platform([answer('000_000')]);
    await stopPlatform();
    const error = await failure(call(cardStatusChange, statusChange, url));
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'not-sent' });
    expect(error.message).toMatch(/^platform unreachable \(cannot connect \(ECONNREFUSED\)\)$/);
    expect(error.details.correlationId).toMatch(CORRELATION_ID);
  });
});

describe('no connection in time', () => {
  it('(every pooled connection to the host busy) is "cannot connect", surely not sent', async () => {
    const { url, received } = await platform(['hang']);
    const target = new URL(`${url}/x`);
    // The agent's 64 connections to the host, each waiting for an answer that never comes.
    const busy = Array.from({ length: 64 }, () => postJson(target, {}, '{}', 10_000).catch((error: unknown) => error));
    while (received.length < 64) await new Promise((resolve) => setTimeout(resolve, 10));
    const error = await postJson(target, {}, '{}', 200).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ failure: 'connect', stage: 'connecting', notSent: true, message: 'no connection within 200 ms' });
    expect(received).toHaveLength(64);
    await stopPlatform();
    await Promise.all(busy);
  });
});

describe('a request Node refuses to send', () => {
  it('(a line break in a header value from the secret) fails as that error, never as the platform being down', async () => {
    const { url, received } = await platform([answer('000_000')]);
    const broken = { ...credentials, accessKey: 'access\nkey' };
    const error = await call(cardStatusChange, statusChange, url, 5000, broken).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(received).toHaveLength(0);
  });
});

/** A raw server: the first request of each connection is answered (kept alive), the next one reset. */
async function resettingServer(body: string) {
  const sockets = new Set<Socket>();
  let connections = 0;
  const requests: number[] = [];
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    const id = ++connections;
    let onSocket = 0;
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      if (!data.includes('\r\n\r\n')) return;
      onSocket += 1;
      if (onSocket > 1) return socket.resetAndDestroy();
      requests.push(id);
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`);
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}/open-api`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      tcp.close(() => resolve());
    }),
  };
}

describe('a pooled connection the server had closed', () => {
  it('is resent once on a new connection for a read', async () => {
    const server = await resettingServer('{"response":{"code":"000_000"},"isAutoRcgAccRegAllowed":true}');
    try {
      await call(bankAccountInquiry, { userId: 1 }, server.url);
      let data: unknown;
      const before = performance.now();
      const metrics = await publishedMetrics(async () => ({ data } = await call(bankAccountInquiry, { userId: 1 }, server.url)));
      const took = performance.now() - before;
      expect(data).toEqual({ isAutoRcgAccRegAllowed: true });
      expect(server.requests).toEqual([1, 2]);
      // Counted as a retry, and as two platform calls, each with its latency.
      expect(metrics).toMatchObject({ Retries: 1, PlatformCalls: [1, 1] });
      expect(metrics.PlatformLatency).toEqual([expect.any(Number), expect.any(Number)]);
      for (const ms of metrics.PlatformLatency as number[]) {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(took);
      }
    } finally {
      await server.close();
    }
  });

  it('is resent for a write reset before its request was fully written: the platform cannot have read it', async () => {
    const server = await resettingServer('{"response":{"code":"000_000"}}');
    try {
      await call(cardStatusChange, statusChange, server.url);
      // 16 MB: more than the socket buffers take at once, so the reset comes mid-write.
      const large = { ...statusChange, pad: 'x'.repeat(16 * 1024 * 1024) };
      expect((await call(cardStatusChange, large, server.url)).data).toEqual({});
      expect(server.requests).toEqual([1, 2]);
    } finally {
      await server.close();
    }
  });

  it('is not resent for a write once the request was fully written: the reset may follow a commit', async () => {
    const server = await resettingServer('{"response":{"code":"000_000"}}');
    try {
      await call(cardStatusChange, statusChange, server.url);
      const error = await failure(call(cardStatusChange, statusChange, server.url));
      expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'maybe-sent' });
      expect(error.message).toMatch(/^no complete answer from the platform \(pooled connection closed by the server \(ECONNRESET\)\)$/);
      expect(error.details.correlationId).toMatch(CORRELATION_ID);
      expect(server.requests).toEqual([1]);
    } finally {
      await server.close();
    }
  });
});

describe('a pooled connection failing before any answer byte, before the request was written', () => {
  afterEach(() => jest.restoreAllMocks());

  it('with EPIPE (written into a connection the server had closed) is resent for a write, like a reset: the platform cannot have read it', async () => {
    const { url, received } = await platform([answer('000_000')]);
    await call(cardStatusChange, statusChange, url);
    const failing = failNextPooledSocket('EPIPE');
    let data: unknown;
    const metrics = await publishedMetrics(async () => ({ data } = await call(cardStatusChange, statusChange, url)));
    expect(failing.failed()).toBe(true);
    expect(data).toEqual({});
    expect(metrics).toMatchObject({ Retries: 1 });
    expect(received).toHaveLength(2);
  });

  it('with any other code (a route lost: EHOSTUNREACH) is not resent for a write: only a reset says the server had closed it', async () => {
    const { url, received } = await platform([answer('000_000')]);
    await call(cardStatusChange, statusChange, url);
    const failing = failNextPooledSocket('EHOSTUNREACH');
    const error = await failure(call(cardStatusChange, statusChange, url));
    expect(failing.failed()).toBe(true);
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'maybe-sent' });
    expect(error.message).toBe('no complete answer from the platform (connection broken before any answer byte (EHOSTUNREACH))');
    expect(received).toHaveLength(1);
  });
});

/** A raw server whose every connection gets `answer` once the request's headers are in. */
async function rawAnswers(answer: (socket: Socket) => void) {
  const tcp = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (data) => {
      buffered += data.toString('latin1');
      if (buffered.includes('\r\n\r\n')) answer(socket);
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/x`),
    close: () => new Promise<void>((resolve) => tcp.close(() => resolve())),
  };
}

describe('a broken answer says how it broke', () => {
  it.each([
    ['bytes that are not HTTP', (s: Socket) => s.end('NOT HTTP AT ALL\r\n\r\n'), /^answer is not valid HTTP \(HPE_[A-Z_]+\)$/],
    ['a body cut short by a clean close', (s: Socket) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"resp'), /^answer broke off mid-body after 6 bytes \(connection closed\)$/],
  ])('%s', async (_what, answer, message) => {
    const server = await rawAnswers(answer);
    try {
      const error = await postJson(server.url, {}, '{}', 5000).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ failure: 'lost' });
      expect((error as Error).message).toMatch(message);
    } finally {
      await server.close();
    }
  });

});

describe('a call', () => {
  it.each([
    ['broken off', (s: Socket) => s.resetAndDestroy()],
    ['answered', (s: Socket) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}')],
  ])('%s leaves no timer behind: its deadline timer is cancelled, so a script that called the platform can end at once', async (_what, answer) => {
    const server = await rawAnswers(answer);
    const set = jest.spyOn(global, 'setTimeout');
    const cleared = jest.spyOn(global, 'clearTimeout');
    try {
      await postJson(server.url, {}, '{}', 61_234).catch(() => undefined);
      const deadline = set.mock.results[set.mock.calls.findIndex(([, ms]) => ms === 61_234)]?.value;
      expect(deadline).toBeDefined();
      expect(cleared).toHaveBeenCalledWith(deadline);
    } finally {
      set.mockRestore();
      cleared.mockRestore();
      await server.close();
    }
  });
});

describe('an answer whose Content-Length its body does not match', () => {
  it('(a 204 that declares 10 bytes, so none can follow) is a broken answer, never an empty one', async () => {
    const tcp = createTcpServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end('HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n'));
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const error = await postJson(new URL(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/x`), {}, '{}', 5000).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ failure: 'lost', message: 'answer body of 0 bytes, Content-Length 10' });
    } finally {
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    }
  });
});

describe('an answer larger than 1 MiB', () => {
  it('is refused as too large; one of exactly 1 MiB is read', async () => {
    const of = (bytes: number) => `{"response":{"code":"000_000"},"pad":"${'x'.repeat(bytes - 40)}"}`;
    expect(Buffer.byteLength(of(MAX_ANSWER_BYTES))).toBe(MAX_ANSWER_BYTES);
    const { url } = await platform([{ status: 200, body: of(MAX_ANSWER_BYTES) }, { status: 200, body: of(MAX_ANSWER_BYTES + 1) }]);
    const target = new URL(`${url}/x`);
    expect((await postJson(target, {}, '{}', 5000)).body).toHaveLength(MAX_ANSWER_BYTES);
    const error = await postJson(target, {}, '{}', 5000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'too-large', message: `answer larger than ${MAX_ANSWER_BYTES} bytes` });
  });
});
