/**
 * The retry policy against stand-in platforms that misbehave on purpose: reads retried inside the
 * deadline, writes never repeated once they may have arrived, requests that surely never left (a
 * failed TLS handshake) resent whatever their kind, stale pooled sockets resent once, and a
 * credentials refusal fixed by fetching the rotated secret. Every answer the sandbox can break is
 * run through a read and a write in faults.test.ts.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bankAccountInquiry, userRegister, type GatewayOperation } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { fetchSecretString } from '../../lib/credentials/secrets-manager';
import { gatewayHandler } from '../../lib/gateway-handler';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';
import { lambdaContext } from '../support/lambda-context';
import { trustedTlsIdentity } from '../support/trust';

let credentials: SandboxCredentials;
let secrets: SecretsManagerHandle;
let secretCounter = 0;

function handler(op: GatewayOperation<'read' | 'write'>, baseUrl: string, secretId = 'konaplate/retry') {
  const store = new CredentialStore({ secretId, fetchSecret: fetchSecretString });
  return gatewayHandler(op, { store: () => store, baseUrl: () => baseUrl });
}

const member = { loginId: 'retry@example.com', loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Male', userName: '재시도', email: 'retry@example.com', mobileNumber: '01012345678' };

async function outcome(promise: Promise<unknown>): Promise<{ ok: true; value: any } | { ok: false; error: any }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A platform stand-in that answers from a script, one entry per request, and counts requests. */
async function scriptedPlatform(script: Array<{ status: number; body: string } | 'hang' | 'proxy'>, proxyTo?: string) {
  let count = 0;
  const server = createHttpServer(async (req, res) => {
    const step = script[Math.min(count, script.length - 1)]!;
    count += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (step === 'hang') return;
    if (step === 'proxy') {
      const answer = await fetch(`${proxyTo}${req.url!.replace(/^\/open-api/, '')}`, {
        method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      return res.end(Buffer.from(await answer.arrayBuffer()));
    }
    res.writeHead(step.status, { 'content-type': 'application/json' });
    res.end(step.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-api`, server, requests: () => count };
}

const close = (server: Server | TcpServer) => new Promise<void>((resolve) => {
  if ('closeAllConnections' in server) server.closeAllConnections();
  server.close(() => resolve());
});

let platform: PlatformHandle;

beforeAll(async () => {
  credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  secrets = await startSecretsManager({ secrets: { 'konaplate/retry': stringifyJson(credentials.clientSecret) } });
  Object.assign(process.env, { AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'ap-northeast-2' });
});

afterAll(async () => {
  await Promise.all([platform.close(), secrets.close()]);
});

const unavailable = { status: 503, body: '{"response":{"code":"000_001","description":"System error"}}' };

describe('reads', () => {
  it('are retried after 5xx answers and succeed on the platform\'s third answer', async () => {
    const stand = await scriptedPlatform([unavailable, unavailable, 'proxy'], platform.url);
    try {
      const result = await handler(bankAccountInquiry, stand.url)({ userId: 50000104652 }, lambdaContext(10_000) as never);
      expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
      expect(stand.requests()).toBe(3);
    } finally {
      await close(stand.server);
    }
  });

  it('give up inside the deadline with the last error, never a Lambda timeout', async () => {
    const stand = await scriptedPlatform(['hang']);
    try {
      const started = Date.now();
      const result = await outcome(handler(bankAccountInquiry, stand.url)({ userId: 50000104652 }, lambdaContext(3000) as never));
      expect(result.ok).toBe(false);
      expect((result as { error: Error }).error.name).toBe('KonaplateTimeout');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(stand.requests()).toBeGreaterThanOrEqual(2);
    } finally {
      await close(stand.server);
    }
  });
});

describe('writes', () => {
  it('are sent once and a 5xx becomes outcome-unknown, never a retry', async () => {
    const stand = await scriptedPlatform([unavailable]);
    try {
      const result = await outcome(handler(userRegister, stand.url)(member, lambdaContext(10_000) as never));
      expect(result.ok).toBe(false);
      const error = (result as { error: any }).error;
      expect(error.name).toBe('KonaplateOutcomeUnknown');
      expect(error.status).toBe(504);
      expect(stand.requests()).toBe(1);
    } finally {
      await close(stand.server);
    }
  });

  it('are sent once when the platform hangs', async () => {
    const stand = await scriptedPlatform(['hang']);
    try {
      const result = await outcome(handler(userRegister, stand.url)(member, lambdaContext(2000) as never));
      expect((result as { error: Error }).error.name).toBe('KonaplateOutcomeUnknown');
      expect(stand.requests()).toBe(1);
    } finally {
      await close(stand.server);
    }
  });
});

describe('stale pooled sockets', () => {
  /** A raw server: answers the first request of each connection (keep-alive), resets at the second. */
  async function resettingServer(answer: string) {
    const served: number[] = [];
    const sockets = new Set<Socket>();
    let connections = 0;
    const tcp = createTcpServer((socket) => {
      sockets.add(socket);
      const id = ++connections;
      let requestsOnSocket = 0;
      socket.on('data', (data) => {
        if (!data.includes('\r\n\r\n')) return;
        requestsOnSocket += 1;
        if (requestsOnSocket > 1) return socket.resetAndDestroy();
        served.push(id);
        socket.write(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(answer)}\r\nConnection: keep-alive\r\n\r\n${answer}`);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}/open-api`,
      served,
      close: async () => {
        for (const socket of sockets) socket.destroy();
        await close(tcp);
      },
    };
  }

  it('are resent once for a read: the server reset a reused connection before answering', async () => {
    const server = await resettingServer('{"response":{"code":"001_006","description":"Wallet user not found."}}');
    try {
      const inquiry = handler(bankAccountInquiry, server.url);
      for (let i = 0; i < 2; i += 1) {
        const result = await outcome(inquiry({ userId: 7 }, lambdaContext(5000) as never));
        expect((result as { error: Error }).error.name).toBe('KonaplateNotFound');
      }
      expect(server.served).toEqual([1, 2]);
    } finally {
      await server.close();
    }
  });

  it('are not resent for a write once the request was fully written: that reset may follow a commit', async () => {
    const server = await resettingServer('{"response":{"code":"001_001","description":"Member already registered."}}');
    try {
      const register = handler(userRegister, server.url);
      expect(((await outcome(register(member, lambdaContext(5000) as never))) as { error: Error }).error.name).toBe('KonaplateConflict');
      expect(((await outcome(register(member, lambdaContext(5000) as never))) as { error: Error }).error.name).toBe('KonaplateOutcomeUnknown');
      expect(server.served).toEqual([1]);
    } finally {
      await server.close();
    }
  });
});

describe('a TLS handshake that fails', () => {
  const identity = trustedTlsIdentity();

  /** A fresh TLS sandbox: the gateway has no pooled connection to it, so its first call needs a handshake. */
  async function tlsPlatform(fault: { how: 'reset' | 'untrusted-certificate'; count: number }) {
    const started = await startPlatform({ project: credentials.project, tls: identity });
    started.faults.scheduleConnection({ type: 'tls-handshake', how: fault.how }, fault.count);
    return started;
  }

  it.each([
    ['a read', bankAccountInquiry, { userId: 50000104652 }],
    ['a write', userRegister, { ...member, loginId: 'tls-retry@example.com' }],
  ] as const)('is sent again for %s: no request byte left before the handshake completed', async (_what, op, input) => {
    const secure = await tlsPlatform({ how: 'reset', count: 1 });
    try {
      const result = await handler(op, secure.url)(input, lambdaContext(5000) as never);
      expect(result).toBeDefined();
      expect(secure.faults.firedCounts()).toEqual({ 'tls-handshake': 1 });
      expect(secure.requests.list().map((r) => r.code)).toEqual(['000_000']);
    } finally {
      await secure.close();
    }
  });

  it('that keeps failing answers 502 "unavailable", never "outcome unknown", and nothing reached the platform', async () => {
    const secure = await tlsPlatform({ how: 'untrusted-certificate', count: 10 });
    try {
      const started = Date.now();
      const result = await outcome(handler(userRegister, secure.url)({ ...member, loginId: 'tls-down@example.com' }, lambdaContext(5000) as never));
      const error = (result as { error: any }).error;
      expect(error.name).toBe('KonaplateUnavailable');
      expect(error.message).toMatch(/TLS handshake failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
      expect(Date.now() - started).toBeLessThan(4500);
      expect(secure.faults.firedCounts()['tls-handshake']).toBe(3);
      expect(secure.requests.size).toBe(0);
    } finally {
      await secure.close();
    }
  });
});

describe('credentials refused by the platform', () => {
  it('fetch the rotated secret once and retry once', async () => {
    const secretId = `konaplate/rotation-${(secretCounter += 1)}`;
    const rotated = await generateSandboxCredentials();
    const rotatedPlatform = await startPlatform({ project: { ...credentials.project, secretKey: rotated.project.secretKey } });
    try {
      secrets.setSecret(secretId, stringifyJson(credentials.clientSecret));
      let baseUrl = platform.url;
      const store = new CredentialStore({ secretId, fetchSecret: fetchSecretString });
      const inquiry = gatewayHandler(bankAccountInquiry, { store: () => store, baseUrl: () => baseUrl });
      await inquiry({ userId: 50000104652 }, lambdaContext(5000) as never); // warm: the old secret is cached
      const before = secrets.callsFor(secretId);

      // The secret key is rotated on the platform and in Secrets Manager; the container still holds the old one.
      secrets.setSecret(secretId, stringifyJson({ ...credentials.clientSecret, secretKey: rotated.project.secretKey }));
      baseUrl = rotatedPlatform.url;
      const result = await inquiry({ userId: 50000104652 }, lambdaContext(5000) as never);

      expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
      expect(secrets.callsFor(secretId) - before).toBe(1);
      expect(rotatedPlatform.requests.list().map((r) => r.code)).toEqual(['000_104', '000_000']);
    } finally {
      await rotatedPlatform.close();
    }
  });

  it.each([
    ['a 401 carrying a code the catalog files as "unavailable" (000_001)', { status: 401, body: '{"response":{"code":"000_001","description":"Internal system error."}}' }],
    ['a 403 carrying a business code (001_006)', { status: 403, body: '{"response":{"code":"001_006","description":"Wallet user not found."}}' }],
    ['a 403 HTML page from a proxy in front', { status: 403, body: '<html><body>Forbidden</body></html>' }],
  ])('are any HTTP 401/403, whatever it carries: %s fetches the rotated secret once and retries once', async (_what, refusal) => {
    const secretId = `konaplate/rotation-${(secretCounter += 1)}`;
    const rotated = await generateSandboxCredentials();
    const rotatedPlatform = await startPlatform({ project: { ...credentials.project, secretKey: rotated.project.secretKey } });
    const stand = await scriptedPlatform([refusal, 'proxy'], rotatedPlatform.url);
    try {
      secrets.setSecret(secretId, stringifyJson(credentials.clientSecret));
      let baseUrl = platform.url;
      const store = new CredentialStore({ secretId, fetchSecret: fetchSecretString });
      const register = gatewayHandler(userRegister, { store: () => store, baseUrl: () => baseUrl });
      await outcome(register(member, lambdaContext(5000) as never)); // warm: the old secret is cached
      const before = secrets.callsFor(secretId);

      secrets.setSecret(secretId, stringifyJson({ ...credentials.clientSecret, secretKey: rotated.project.secretKey }));
      baseUrl = stand.url;
      const result = await register({ ...member, loginId: `rotated${secretCounter}@example.com` }, lambdaContext(5000) as never);

      expect(result).toMatchObject({ userId: expect.anything() });
      expect(secrets.callsFor(secretId) - before).toBe(1);
      expect(stand.requests()).toBe(2);
      expect(rotatedPlatform.requests.list().map((r) => r.code)).toEqual(['000_000']);
    } finally {
      await Promise.all([close(stand.server), rotatedPlatform.close()]);
    }
  });

  it('stay refused (502) without a retry loop when the secret did not change', async () => {
    const secretId = `konaplate/rotation-${(secretCounter += 1)}`;
    secrets.setSecret(secretId, stringifyJson({ ...credentials.clientSecret, secretKey: 'wrong-secret-key' }));
    const before = platform.requests.list().length;
    const result = await outcome(handler(bankAccountInquiry, platform.url, secretId)({ userId: 50000104652 }, lambdaContext(5000) as never));
    expect((result as { error: Error }).error.name).toBe('KonaplateAuthFailed');
    expect(platform.requests.list().length - before).toBe(1);
  });
});
