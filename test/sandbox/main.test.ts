/** `npm run sandbox` as a person runs it: starts its four servers, prints nothing secret, stops on SIGTERM. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOrCreateSandboxCredentials } from '../../sandbox/project/credentials';
import { call, type ClientIdentity } from './support/kona-client';
import { HONG, PATHS } from './support/fixtures';

const ROOT = resolve(__dirname, '../..');
let dir: string;
let child: ChildProcessWithoutNullStreams;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-main-'));
  child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'sandbox/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: '0', SECRETS_MANAGER_PORT: '0', EVENTBRIDGE_PORT: '0', SQS_PORT: '0', SANDBOX_CREDENTIALS_DIR: dir, KONAPLATE_SECRET_ID: 'konaplate/test', SANDBOX_CALLBACK_URL: '' },
  });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox did not start: ${stderr}`)), 20_000);
    child.stdout.on('data', () => {
      if (stdout.split('\n').filter(Boolean).length >= 5) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`sandbox exited ${code}: ${stderr}`)));
  });
});
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

it('prints one line per server and serves the stored credentials', async () => {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(5);
  const platformUrl = /^sandbox platform ready at (http:\/\/127\.0\.0\.1:\d+\/open-api)$/.exec(lines[0]!)?.[1];
  const managerUrl = /^secrets manager ready at (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[1]!)?.[1];
  expect(platformUrl).toBeDefined();
  expect(managerUrl).toBeDefined();
  expect(lines[4]).toBe('callbacks off (SANDBOX_CALLBACK_URL, or PUT /__sandbox/callbacks)');

  const client = new SecretsManagerClient({ endpoint: managerUrl, region: 'ap-northeast-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const secret = JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/test' }))).SecretString!) as ClientIdentity;
  client.destroy();
  const stored = await loadOrCreateSandboxCredentials(dir);
  expect(stored.created).toBe(false);
  expect(secret).toEqual(stored.clientSecret);

  const answer = await call(platformUrl!, secret, PATHS.info, { userId: HONG }, { encrypt: true });
  expect(answer.json.response.code).toBe('000_000');

  for (const value of [secret.accessKey, secret.secretKey, secret.cryptoKeys[0]!.id, 'PRIVATE KEY', 'CERTIFICATE']) {
    expect(stdout + stderr).not.toContain(value);
  }
});

it('serves the local stage bus and failure queue to the real SDK clients', async () => {
  const lines = stdout.trim().split('\n');
  const eventBridgeUrl = /^eventbridge ready at (http:\/\/127\.0\.0\.1:\d+) /.exec(lines[2]!)?.[1];
  const queueUrl = /^sqs ready at http:\/\/127\.0\.0\.1:\d+ \(failure queue (http:\/\/127\.0\.0\.1:\d+\/000000000000\/konaplate-gateway-local-failed-invocations)\)$/.exec(lines[3]!)?.[1];
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const events = new EventBridgeClient({ endpoint: eventBridgeUrl, region: 'ap-northeast-2', credentials });
  const put = await events.send(new PutEventsCommand({ Entries: [{ Source: 'konaplate.gateway', DetailType: 'unknown', Detail: '{}', EventBusName: 'konaplate-gateway-local' }] }));
  expect(put.FailedEntryCount).toBe(0);
  const queue = new SQSClient({ endpoint: queueUrl!.replace(/\/0{12}\/.*$/, ''), region: 'ap-northeast-2', credentials });
  expect((await queue.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{}' }))).MessageId).toBeDefined();
  events.destroy();
  queue.destroy();
});

it('stops cleanly on SIGTERM', async () => {
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
