/**
 * The AWS credentials every function's SDK clients sign with (lib/aws-credentials.ts, put in place of
 * the SDK's default chain by serverless.yml's esbuild alias): the environment a Lambda function
 * always has, else a container credentials endpoint, else a refusal that says what is missing.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultProvider } from '../../lib/aws-credentials';

const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
beforeEach(() => VARIABLES.forEach((name) => delete process.env[name]));
afterAll(() => VARIABLES.forEach((name) => (saved[name] === undefined ? delete process.env[name] : (process.env[name] = saved[name]))));

/** A container credentials endpoint on 127.0.0.1 answering credentials that expire `expiresInMs` from each request. */
async function containerEndpoint(expiresInMs: number) {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    const n = requests.length;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      AccessKeyId: `ASIACONTAINER${n}`, SecretAccessKey: `container-secret-${n}`, Token: `container-token-${n}`,
      Expiration: new Date(Date.now() + expiresInMs).toISOString(),
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/credentials`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

it('signs with the role credentials Lambda puts in the environment', async () => {
  process.env.AWS_ACCESS_KEY_ID = 'ASIAENVIRONMENT';
  process.env.AWS_SECRET_ACCESS_KEY = 'environment-secret';
  process.env.AWS_SESSION_TOKEN = 'environment-token';
  await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'ASIAENVIRONMENT', secretAccessKey: 'environment-secret', sessionToken: 'environment-token' });
});

it('prefers the environment to a container endpoint, as the SDK\'s own chain does', async () => {
  const endpoint = await containerEndpoint(3_600_000);
  try {
    process.env.AWS_ACCESS_KEY_ID = 'ASIAENVIRONMENT';
    process.env.AWS_SECRET_ACCESS_KEY = 'environment-secret';
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.url;
    await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'ASIAENVIRONMENT' });
    expect(endpoint.requests).toHaveLength(0);
  } finally {
    await endpoint.close();
  }
});

it('without them, asks a container credentials endpoint (with its authorization token) once, and again only when they near expiry', async () => {
  const lasting = await containerEndpoint(3_600_000);
  const expiring = await containerEndpoint(60_000);
  try {
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = lasting.url;
    process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'container-authorization';
    const provider = defaultProvider();
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIACONTAINER1', sessionToken: 'container-token-1' });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIACONTAINER1' });
    expect(lasting.requests).toHaveLength(1);
    expect(lasting.requests[0]!.authorization).toBe('container-authorization');

    // Credentials valid for less than 5 minutes more are fetched again before they are used.
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = expiring.url;
    const refreshing = defaultProvider();
    await expect(refreshing()).resolves.toMatchObject({ accessKeyId: 'ASIACONTAINER2' });
    await expect(refreshing()).resolves.toMatchObject({ accessKeyId: 'ASIACONTAINER3' });
    expect(expiring.requests).toHaveLength(3);
  } finally {
    await Promise.all([lasting.close(), expiring.close()]);
  }
});

it('with neither, refuses naming what is missing, and reads no profile, file or instance metadata', async () => {
  process.env.AWS_PROFILE = 'someone';
  await expect(defaultProvider()()).rejects.toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY .*AWS_CONTAINER_CREDENTIALS_FULL_URI/);
});
