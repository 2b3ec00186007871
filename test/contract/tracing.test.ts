/**
 * X-Ray: a UDP listener stands in for the daemon. Each HTTP attempt to the platform arrives as one
 * independent subsegment document (the daemon header line, then the document) under the invocation's
 * trace, with the status and error flags it earned; nothing arrives when tracing is off or the
 * invocation is not sampled.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bankAccountInquiry } from '../../lib/catalog';
import { resetConfig } from '../../lib/config';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { stringifyJson } from '../../lib/protocol/json';
import { daemonAddress } from '../../lib/tracing';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { httpEvent, lambdaContext } from '../support/lambda-context';

const TRACE_ID = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT_ID = '53995c3f42cd8ad8';
const SAMPLED = `Root=${TRACE_ID};Parent=${PARENT_ID};Sampled=1;Lineage=a87bd80c:0`;
const MEMBER = 50000104652;

let credentials: SandboxCredentials;
let platform: PlatformHandle;
let daemon: Socket;
let received: Buffer[] = [];

beforeAll(async () => {
  credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  daemon = createSocket('udp4');
  daemon.on('message', (message) => received.push(message));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await platform.close();
  await new Promise<void>((resolve) => daemon.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  platform.faults.clear();
  Object.assign(process.env, {
    KONAPLATE_TRACING: 'Active',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    _X_AMZN_TRACE_ID: SAMPLED,
  });
  // The configuration is read once per container; each test here is a container of its own.
  resetConfig();
});

function inquiry(baseUrl = platform.url) {
  const store = new CredentialStore({ secretId: 'tracing', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  return gatewayHandler(bankAccountInquiry, { store: () => store, baseUrl: () => baseUrl });
}

async function settle(promise: Promise<unknown>): Promise<{ value?: any; error?: any }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** The documents the daemon got, once `count` have arrived (or after a short wait when none are expected). */
async function documents(count: number): Promise<any[]> {
  const until = Date.now() + (count === 0 ? 300 : 2000);
  while (Date.now() < until && (count === 0 || received.length < count)) await new Promise((resolve) => setTimeout(resolve, 10));
  return received.map((message) => {
    const text = message.toString('utf8');
    const newline = text.indexOf('\n');
    expect(JSON.parse(text.slice(0, newline))).toEqual({ format: 'json', version: 1 });
    return JSON.parse(text.slice(newline + 1));
  });
}

function expectSubsegmentOf(document: any, started: number, ended: number): void {
  expect(document).toMatchObject({
    type: 'subsegment',
    trace_id: TRACE_ID,
    parent_id: PARENT_ID,
    name: 'KONA PLATE',
    namespace: 'remote',
    http: { request: { method: 'POST', url: `${platform.url}/api/v1/bankaccounts/inquiry` } },
    annotations: { operation: 'bankAccountInquiry' },
  });
  expect(document.id).toMatch(/^[0-9a-f]{16}$/);
  expect(document.annotations.correlation_id).toMatch(/^\d{12}-[0-9a-f]{7}$/);
  expect(document.start_time).toBeGreaterThanOrEqual(started / 1000);
  expect(document.end_time).toBeGreaterThanOrEqual(document.start_time);
  expect(document.end_time).toBeLessThanOrEqual(ended / 1000);
}

it('sends one subsegment for a call the platform answered, under the invocation\'s trace', async () => {
  const started = Date.now();
  const answer = (await inquiry()(httpEvent(bankAccountInquiry.path, JSON.stringify({ userId: MEMBER })) as never, lambdaContext() as never)) as any;
  const ended = Date.now();
  expect(answer.statusCode).toBe(200);
  const [document, ...more] = await documents(1);
  expect(more).toEqual([]);
  expectSubsegmentOf(document, started, ended);
  expect(document.http.response).toEqual({ status: 200 });
  expect(document).not.toHaveProperty('error');
  expect(document).not.toHaveProperty('fault');
  expect(document.annotations.correlation_id).toBe(answer.headers['X-KM-Correlation-Id']);
  // Never a header value or the body.
  const raw = received.map((m) => m.toString('utf8')).join('\n');
  for (const value of [credentials.clientSecret.accessKey, credentials.clientSecret.secretKey, 'KMV1:', String(MEMBER)]) expect(raw).not.toContain(value);
});

it('flags a platform refusal (HTTP 400) as an error, not a fault', async () => {
  const { error } = await settle(inquiry()({ userId: 7 }, lambdaContext() as never));
  expect(error.name).toBe('KonaplateNotFound');
  const [document] = await documents(1);
  expect(document.http.response).toEqual({ status: 400 });
  expect(document.error).toBe(true);
  expect(document).not.toHaveProperty('fault');
});

it('sends one subsegment per attempt: two 503s flagged as faults, then the answer', async () => {
  platform.faults.schedule('bankAccountInquiry', { type: 'status', status: 503, commit: false }, 2);
  const started = Date.now();
  expect(await inquiry()({ userId: MEMBER }, lambdaContext() as never)).toMatchObject({ isAutoRcgAccRegAllowed: true });
  const ended = Date.now();
  const sent = await documents(3);
  expect(sent).toHaveLength(3);
  for (const document of sent) expectSubsegmentOf(document, started, ended);
  expect(sent.map((d) => [d.http.response.status, d.fault ?? false])).toEqual([[503, true], [503, true], [200, false]]);
  expect(new Set(sent.map((d) => d.id)).size).toBe(3);
});

it('flags an attempt that got no answer as a fault with its cause, and no response', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const { error } = await settle(inquiry(`http://127.0.0.1:${port}/open-api`)({ userId: MEMBER }, lambdaContext() as never));
  expect(error.name).toBe('KonaplateUnavailable');
  const sent = await documents(3);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  for (const document of sent) {
    expect(document).toMatchObject({ type: 'subsegment', trace_id: TRACE_ID, parent_id: PARENT_ID, fault: true });
    expect(document.http).not.toHaveProperty('response');
    expect(document.cause.exceptions[0]).toMatchObject({ type: 'TransportError', remote: true });
    expect(document.cause.exceptions[0].message).toMatch(/cannot connect \(ECONNREFUSED\)/);
    expect(document.cause.exceptions[0].id).toMatch(/^[0-9a-f]{16}$/);
  }
});

it.each([
  ['the invocation is not sampled', { _X_AMZN_TRACE_ID: `Root=${TRACE_ID};Parent=${PARENT_ID};Sampled=0` }],
  ['tracing is PassThrough', { KONAPLATE_TRACING: 'PassThrough' }],
  ['tracing is not configured', { KONAPLATE_TRACING: undefined }],
  ['there is no trace header', { _X_AMZN_TRACE_ID: undefined }],
])('sends nothing when %s', async (_why, env: Record<string, string | undefined>) => {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetConfig();
  expect(await inquiry()({ userId: MEMBER }, lambdaContext() as never)).toMatchObject({ isAutoRcgAccRegAllowed: true });
  expect(await documents(0)).toEqual([]);
});

it('reads the daemon address in both documented forms, with the default when unset', () => {
  expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
  expect(daemonAddress('tcp:127.0.0.1:2000 udp:127.0.0.2:2001')).toEqual({ host: '127.0.0.2', port: 2001 });
  expect(daemonAddress(undefined)).toEqual({ host: '127.0.0.1', port: 2000 });
});
