/**
 * The gateway library against the sandbox platform and the local Secrets Manager, in process:
 * the real AWS SDK, real HTTP, real JWE, and platform faults the sandbox cannot produce by itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bankAccountInquiry, memberInfo, userRegister, type GatewayOperation } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { fetchSecretString } from '../../lib/credentials/secrets-manager';
import { gatewayHandler } from '../../lib/gateway-handler';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';
import { httpEvent, lambdaContext } from '../support/lambda-context';

const SECRET_ID = 'konaplate/contract';
let credentials: SandboxCredentials;
let platform: PlatformHandle;
let secrets: SecretsManagerHandle;

const newStore = (secretId = SECRET_ID) => new CredentialStore({ secretId, fetchSecret: fetchSecretString });

function handlerFor(op: GatewayOperation<'read' | 'write'>, options: { baseUrl?: string; store?: CredentialStore } = {}) {
  const store = options.store ?? newStore();
  return gatewayHandler(op, { store: () => store, baseUrl: () => options.baseUrl ?? platform.url });
}

async function invoke(handler: ReturnType<typeof handlerFor>, payload: unknown, remainingMs = 10_000): Promise<any> {
  return handler(payload, lambdaContext(remainingMs) as never);
}

async function failure(promise: Promise<unknown>): Promise<Error & { status: number; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a failure');
}

/** A stand-in platform answering every request with `answer` (or never, when it is undefined). */
async function fakePlatform(answer?: { status: number; body: string; contentType?: string }): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    if (!answer) return; // hang
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-api`, server };
}

const closeServer = (server: Server) => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });

beforeAll(async () => {
  credentials = await generateSandboxCredentials({ keyCount: 2 });
  platform = await startPlatform({ project: credentials.project });
  secrets = await startSecretsManager({ secrets: { [SECRET_ID]: stringifyJson(credentials.clientSecret) } });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'ap-northeast-2',
  });
});

afterAll(async () => {
  await Promise.all([platform?.close(), secrets?.close()]);
});

describe('direct invoke', () => {
  it('returns the business object and throws typed, named errors', async () => {
    const registered = await invoke(handlerFor(userRegister), {
      loginId: 'contract@example.com', loginPassword: '480213', birthDate: '19900101', nationality: 'Foreigner',
      gender: 'Female', userName: 'Jane Doe', email: 'contract@example.com', mobileNumber: '01012345678',
    });
    expect(registered).toEqual({ userId: expect.any(Number), basicCardInfo: expect.objectContaining({ serviceId: expect.any(String) }) });
    const info = await invoke(handlerFor(memberInfo), { userId: registered.userId });
    expect(info.userInfo).toMatchObject({ userId: registered.userId, nationality: 'Foreigner' });

    const notFound = await failure(invoke(handlerFor(memberInfo), { userId: 7 }));
    expect(notFound.name).toBe('KonaplateNotFound');
    expect(notFound.message).toMatch(/^001_006 /);
    expect(notFound.stack!.split('\n')[0]).toBe(`KonaplateNotFound: ${notFound.message}`);
  });

  it('hands back ids beyond 2^53 as decimal strings, since the runtime serialises with JSON.stringify', async () => {
    const big = await startPlatform({ project: credentials.project, userIdStart: 9223372036854775000n });
    try {
      const registered = await invoke(handlerFor(userRegister, { baseUrl: big.url }), {
        loginId: 'big@example.com', loginPassword: '480213', birthDate: '19900101', nationality: 'Korean',
        gender: 'Male', userName: '큰수', email: 'big@example.com', mobileNumber: '01012345678',
      });
      expect(registered.userId).toBe('9223372036854775000');
      const info = await invoke(handlerFor(memberInfo, { baseUrl: big.url }), { userId: '9223372036854775000' });
      expect(info.userInfo.userId).toBe('9223372036854775000');
      expect(JSON.stringify(info)).toContain('"userId":"9223372036854775000"');
      const viaHttp = await handlerFor(memberInfo, { baseUrl: big.url })(httpEvent('/api/v1/user/info', '{"userId":9223372036854775000}') as never, lambdaContext() as never) as { body: string };
      expect(viaHttp.body).toContain('"userId":9223372036854775000,');
    } finally {
      await big.close();
    }
  });
});

describe('HTTP API events', () => {
  it('answers 200 with the platform correlation id and the decrypted fields', async () => {
    const answer = await handlerFor(bankAccountInquiry)(httpEvent('/api/v1/bankaccounts/inquiry', '{"userId":50000104652}') as never, lambdaContext() as never) as any;
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['X-KM-Correlation-Id']).toBe(platform.requests.last()!.headers['x-km-correlation-id']);
    expect(JSON.parse(answer.body)).toEqual({
      bankAccForNormalRcg: { bankAccount: '04070204123456', bankCode: '004', bankName: 'KB국민' },
      isAutoRcgAccRegAllowed: true,
    });
  });

  it('accepts base64-encoded bodies and refuses other content types and methods', async () => {
    const handler = handlerFor(bankAccountInquiry);
    const encoded = { ...httpEvent('/x', Buffer.from('{"userId":50000104652}').toString('base64')), isBase64Encoded: true };
    expect((await handler(encoded as never, lambdaContext() as never) as any).statusCode).toBe(200);
    const form = await handler(httpEvent('/x', 'userId=1', { 'content-type': 'application/x-www-form-urlencoded' }) as never, lambdaContext() as never) as any;
    expect(form.statusCode).toBe(400);
    const get = { ...httpEvent('/x', '{"userId":1}'), requestContext: { http: { method: 'GET' } } };
    expect((await handler(get as never, lambdaContext() as never) as any).statusCode).toBe(400);
    const huge = await handler(httpEvent('/x', JSON.stringify({ userId: 1, pad: 'x'.repeat(20_000) })) as never, lambdaContext() as never) as any;
    expect(huge.statusCode).toBe(413);
  });
});

describe('credentials', () => {
  it('makes one Secrets Manager call for 50 concurrent first invocations', async () => {
    const before = secrets.callsFor(SECRET_ID);
    const handler = handlerFor(bankAccountInquiry);
    const answers = await Promise.all(Array.from({ length: 50 }, () => invoke(handler, { userId: 50000104652 })));
    expect(answers.every((a) => a.isAutoRcgAccRegAllowed === true)).toBe(true);
    expect(secrets.callsFor(SECRET_ID) - before).toBe(1);
  });

  it('fails clearly when the secret does not exist, without sending anything', async () => {
    const before = platform.requests.list().length;
    const error = await failure(invoke(handlerFor(memberInfo, { store: newStore('konaplate/missing') }), { userId: 1 }));
    expect(error.name).toBe('GatewayConfigurationError');
    expect(error.message).toBe('secret konaplate/missing: ResourceNotFoundException');
    expect(platform.requests.list().length).toBe(before);
  });

  it('fails with the key at fault when the secret is malformed', async () => {
    secrets.setSecret('konaplate/bad', JSON.stringify({ ...credentials.clientSecret, accessKey: undefined }));
    const error = await failure(invoke(handlerFor(memberInfo, { store: newStore('konaplate/bad') }), { userId: 1 }));
    expect(error.message).toBe('secret konaplate/bad: accessKey is missing');
    expect((error as { status: number }).status).toBe(500);
  });

  it('reports a platform refusal of the credentials as the gateway\'s fault (502), not the caller\'s', async () => {
    secrets.setSecret('konaplate/wrong-key', JSON.stringify({ ...credentials.clientSecret, secretKey: 'not-the-secret-key' }));
    const error = await failure(invoke(handlerFor(bankAccountInquiry, { store: newStore('konaplate/wrong-key') }), { userId: 50000104652 }));
    expect(error.name).toBe('KonaplateAuthFailed');
    expect(error.status).toBe(502);
    expect(error.details).toMatchObject({ platformCode: '000_104', platformStatus: 401 });
  });

  it('decrypts answers under the second key of a rollover', async () => {
    const [first, second] = credentials.clientSecret.cryptoKeys;
    secrets.setSecret('konaplate/rollover', JSON.stringify({ ...credentials.clientSecret, cryptoKeys: [second, first] }));
    const answer = await invoke(handlerFor(memberInfo, { store: newStore('konaplate/rollover') }), { userId: 50000104652 });
    expect(answer.userInfo.userId).toBe(50000104652);
    expect(platform.requests.last()!.headers['x-km-crypto-key-id']).toBe(second!.id);
  });
});

describe('platform answers', () => {
  it('decrypts answers sealed with RSA-OAEP + A256GCM, and encrypted error answers', async () => {
    const other = await startPlatform({ project: credentials.project, responseEncryption: { alg: 'RSA-OAEP', enc: 'A256GCM' }, encryptErrors: true });
    try {
      const answer = await invoke(handlerFor(memberInfo, { baseUrl: other.url }), { userId: 50000104652 });
      expect(answer.userInfo.loginId).toBe('hong.gildong');
      const error = await failure(invoke(handlerFor(memberInfo, { baseUrl: other.url }), { userId: 3 }));
      expect(error.name).toBe('KonaplateNotFound');
    } finally {
      await other.close();
    }
  });

  it.each([
    ['HTTP 500 with an HTML page', 'KonaplateUnavailable', 502, { status: 500, body: '<html>Internal Server Error</html>', contentType: 'text/html' }],
    ['HTTP 200 that is not JSON', 'KonaplateUnavailable', 502, { status: 200, body: 'not json' }],
    ['HTTP 200 without the result envelope', 'KonaplateUnavailable', 502, { status: 200, body: '{"isAutoRcgAccRegAllowed":true}' }],
    ['HTTP 200 with encData that does not decrypt', 'KonaplateUnavailable', 502, { status: 200, body: '{"encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0.a.b.c.d"}' }],
    ['HTTP 503 with 000_001', 'KonaplateUnavailable', 502, { status: 503, body: '{"response":{"code":"000_001","description":"System error"}}' }],
    ['HTTP 400 with a code the catalog does not know', 'KonaplateRejected', 422, { status: 400, body: '{"response":{"code":"002_999","description":"Something new"}}' }],
  ])('turns %s into %s (%s), never a 200', async (_what, name, status, answer) => {
    const fake = await fakePlatform(answer);
    try {
      const http = await handlerFor(bankAccountInquiry, { baseUrl: fake.url })(httpEvent('/x', '{"userId":1}') as never, lambdaContext() as never) as any;
      expect(http.statusCode).toBe(status);
      expect(JSON.parse(http.body).error.type).toBe(name);
    } finally {
      await closeServer(fake.server);
    }
  });

  it('answers 504 before the Lambda runs out when the platform hangs', async () => {
    const fake = await fakePlatform();
    try {
      const started = Date.now();
      const error = await failure(invoke(handlerFor(bankAccountInquiry, { baseUrl: fake.url }), { userId: 1 }, 1500));
      expect(error.name).toBe('KonaplateTimeout');
      expect(error.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await closeServer(fake.server);
    }
  });

  it('reports an unreachable platform as 502 (nothing was sent)', async () => {
    const fake = await fakePlatform();
    const url = fake.url;
    await closeServer(fake.server);
    const error = await failure(invoke(handlerFor(bankAccountInquiry, { baseUrl: url }), { userId: 1 }));
    expect(error.name).toBe('KonaplateUnavailable');
  });
});
