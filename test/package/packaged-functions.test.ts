/**
 * `serverless package` (offline, no AWS account) makes one zip per catalog operation, and each
 * zip, loaded as Lambda would load it, answers a direct invoke against the sandbox: a typed result
 * or a typed platform refusal, never a crash or a configuration error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { OPERATIONS } from '../../lib/catalog';
import { stringifyJson } from '../../lib/protocol/json';
import { sampleOf } from '../../scripts/openapi-document';
import { generateSandboxCredentials } from '../../sandbox/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform-server';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/secrets-manager';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';
import { lambdaContext } from '../support/lambda-context';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
let out: string;
let platform: PlatformHandle;
let secrets: SecretsManagerHandle;
let dynamo: LocalDynamo;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'kp-package-'));
  execFileSync(process.execPath, [require.resolve('serverless/bin/serverless.js'), 'package', '--package', out], { cwd: ROOT, stdio: 'pipe' });
  const credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  secrets = await startSecretsManager({ secrets: { 'konaplate/packaged': stringifyJson(credentials.clientSecret) } });
  dynamo = await startLocalDynamo('packaged-idempotency');
  Object.assign(process.env, {
    KONAPLATE_BASE_URL: platform.url,
    KONAPLATE_SECRET_ID: 'konaplate/packaged',
    KONAPLATE_IDEMPOTENCY_TABLE: dynamo.table,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'ap-northeast-2',
  });
});

afterAll(async () => {
  await Promise.all([platform?.close(), secrets?.close(), dynamo?.close()]);
  rmSync(out, { recursive: true, force: true });
});

it('packages one zip per catalog operation, and nothing else', () => {
  const zips = readdirSync(out).filter((name) => name.endsWith('.zip')).sort();
  expect(zips).toEqual(OPERATIONS.map((op) => `${op.id}.zip`).sort());
});

it.each(OPERATIONS.map((op) => [op.id, op] as const))('%s: the zip loads and answers a direct invoke', async (id, op) => {
  const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${id}.zip`)));
  const files = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  expect(files).toHaveLength(1);
  const dir = path.join(out, id);
  mkdirSync(path.join(dir, 'functions'), { recursive: true });
  const file = path.join(dir, files[0]!);
  writeFileSync(file, await zip.files[files[0]!]!.async('nodebuffer'));
  // Only its own operation's catalog entry is in the bundle.
  const source = readFileSync(file, 'utf8');
  for (const other of OPERATIONS) if (other.id !== id && other !== op.outcomeInquiry) expect(source.includes(`"${other.path}"`)).toBe(false);

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(file) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
  const before = platform.requests.size;
  let outcome: string;
  try {
    await handler(sampleOf(op.request), lambdaContext(8000, `konaplate-gateway-local-${id}`));
    outcome = 'ok';
  } catch (error) {
    outcome = (error as Error).name;
  }
  // A success or the platform's typed refusal of made-up data: it reached the platform and came back typed.
  expect(['ok', 'KonaplateNotFound', 'KonaplateConflict', 'KonaplateRejected', 'KonaplateInvalidInput']).toContain(outcome);
  expect(platform.requests.size).toBeGreaterThan(before);
});
