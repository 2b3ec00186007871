/**
 * `npm run secret` against the local Secrets Manager: the secret it writes is the one the functions
 * read, key rotation keeps a working secret at every step, bad input is refused naming the key at
 * fault, and no secret value is ever printed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseCredentials } from '../../lib/credentials/shape';
import { generateSandboxCredentials, type SandboxClientSecret } from '../../sandbox/project/credentials';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';
import { runSecretCommand, SecretCommandError } from '../../scripts/secret-builder';
import { findLeaks } from '../support/leak-patterns';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let manager: SecretsManagerHandle;
let client: SecretsManagerClient;
let portal: SandboxClientSecret;
const files: Record<string, string> = {};
const env = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'ap-northeast-2' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kp-secret-'));
  // What the portal hands out: two crypto key pairs, the second for a rotation.
  portal = (await generateSandboxCredentials({ keyCount: 2 })).clientSecret;
  const file = (name: string, text: string) => {
    files[name] = path.join(dir, name);
    writeFileSync(files[name]!, text);
  };
  file('access-key.txt', `${portal.accessKey}\n`);
  file('secret-key.txt', `${portal.secretKey}\n`);
  portal.cryptoKeys.forEach((key, i) => {
    file(`platform-${i}.crt`, key.platformPublicKey);
    file(`client-${i}.key`, key.clientPrivateKey);
  });
  file('not-a-key.pem', 'this is not a key, it is the text a careless copy left behind\n');
  manager = await startSecretsManager({ secrets: {} });
  client = new SecretsManagerClient({ endpoint: manager.url, region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  client.destroy();
  await manager.close();
  rmSync(dir, { recursive: true, force: true });
});

const putArgs = (secretId: string, key = 0) => [
  'put', '--secret-id', secretId, '--asp-id', portal.aspId, '--access-key-file', files['access-key.txt']!,
  '--secret-key-file', files['secret-key.txt']!, '--crypto-key-id', portal.cryptoKeys[key]!.id,
  '--platform-certificate-file', files[`platform-${key}.crt`]!, '--client-private-key-file', files[`client-${key}.key`]!,
];
const keyArgs = (command: 'add-key', key: number) => [
  command, '--crypto-key-id', portal.cryptoKeys[key]!.id,
  '--platform-certificate-file', files[`platform-${key}.crt`]!, '--client-private-key-file', files[`client-${key}.key`]!,
];

/** The script in process, printing into a list. */
async function run(argv: string[]): Promise<{ lines: string[]; error?: SecretCommandError }> {
  const lines: string[] = [];
  try {
    await runSecretCommand(argv, { client, print: (line) => lines.push(line), readStdin: async () => '' });
    return { lines };
  } catch (error) {
    if (!(error instanceof SecretCommandError)) throw error;
    return { lines, error };
  }
}

/** Where two secret documents differ, by field path: a failing assertion must not print key material. */
function differingFields(actual: unknown, expected: unknown, at = ''): string[] {
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((key) => differingFields((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${at}/${key}`));
  }
  return actual === expected ? [] : [at];
}

const stored = async (secretId: string) => (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString!;

/** Nothing the portal handed out appears, and the suite's own leak patterns find nothing. */
function expectNoSecretIn(text: string) {
  for (const value of [portal.accessKey, portal.secretKey, ...portal.cryptoKeys.flatMap((k) => [k.platformPublicKey.trim(), k.clientPrivateKey.trim()])]) {
    expect(text.includes(value)).toBe(false);
  }
  expect(findLeaks(text, 'output')).toEqual([]);
}

it('npm run secret put: creates the secret the functions read, from files and stdin, printing only names, ARN and version', async () => {
  const args = putArgs('konaplate/prod').map((arg) => (arg === files['secret-key.txt'] ? '-' : arg));
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [require.resolve('tsx/cli'), 'scripts/secret.ts', ...args], {
      cwd: ROOT, env: { ...process.env, ...env, AWS_ENDPOINT_URL_SECRETS_MANAGER: manager.url },
    }, (error, out, err) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stdout: out, stderr: err }));
    child.stdin!.end(`${portal.secretKey}\n`);
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const arn = /ARN {10}(arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:konaplate\/prod-[0-9a-f]{6})/.exec(stdout)?.[1];
  expect(arn).toBeDefined();
  expect(stdout).toContain('secret konaplate/prod: created');
  expect(stdout).toContain(`crypto keys  ${portal.cryptoKeys[0]!.id} (encrypts requests)`);
  expect(stdout).toContain(`deploy with KONAPLATE_SECRET_ID=${arn}`);
  expectNoSecretIn(stdout);

  // Exactly what the portal handed out, and what the functions' shape check accepts.
  const secret = await stored(arn!);
  expect(differingFields(JSON.parse(secret), { ...portal, cryptoKeys: [portal.cryptoKeys[0]] })).toEqual([]);
  expect(differingFields(parseCredentials(secret, arn!), { ...portal, cryptoKeys: [portal.cryptoKeys[0]] })).toEqual([]);
});

it('rotates a crypto key: add the second, then remove the first; the secret passes the shape check at every step', async () => {
  await run(putArgs('konaplate/rotating'));
  const [first, second] = portal.cryptoKeys.map((key) => key.id);

  const added = await run([...keyArgs('add-key', 1), '--secret-id', 'konaplate/rotating']);
  expect(added.error).toBeUndefined();
  expect(added.lines).toContain(`  crypto keys  ${first} (encrypts requests), ${second}`);
  expect(parseCredentials(await stored('konaplate/rotating'), 'x').cryptoKeys.map((key) => key.id)).toEqual([first, second]);

  const removed = await run(['remove-key', '--secret-id', 'konaplate/rotating', '--crypto-key-id', first!]);
  expect(removed.lines[0]).toBe('secret konaplate/rotating: new version stored');
  expect(removed.lines).toContain(`  crypto keys  ${second} (encrypts requests)`);
  const after = parseCredentials(await stored('konaplate/rotating'), 'x');
  expect(differingFields(after, { ...portal, cryptoKeys: [portal.cryptoKeys[1]] })).toEqual([]);
  expectNoSecretIn([...added.lines, ...removed.lines].join('\n'));
});

it('refuses a rotation step that would leave no key, a third key, or a key twice, and changes nothing', async () => {
  await run(putArgs('konaplate/guarded'));
  const before = await stored('konaplate/guarded');
  const id = portal.cryptoKeys[0]!.id;
  expect((await run(['remove-key', '--secret-id', 'konaplate/guarded', '--crypto-key-id', id])).error?.message)
    .toBe(`crypto key ${id} is the only one in konaplate/guarded: add its successor first (add-key)`);
  expect((await run([...keyArgs('add-key', 0), '--secret-id', 'konaplate/guarded'])).error?.message)
    .toBe(`secret konaplate/guarded already holds crypto key ${id}`);
  expect((await run(['remove-key', '--secret-id', 'konaplate/guarded', '--crypto-key-id', 'f'.repeat(32)])).error?.message)
    .toBe(`secret konaplate/guarded holds no crypto key ${'f'.repeat(32)} (it holds ${id})`);
  await run([...keyArgs('add-key', 1), '--secret-id', 'konaplate/guarded']);
  const full = await stored('konaplate/guarded');
  expect((await run([...keyArgs('add-key', 0), '--secret-id', 'konaplate/guarded', '--crypto-key-id', 'e'.repeat(32)])).error?.message)
    .toMatch(/already holds 2 crypto keys/);
  expect(await stored('konaplate/guarded')).toBe(full);
  expect(full).not.toBe(before);
  expect((await run([...keyArgs('add-key', 1), '--secret-id', 'konaplate/absent'])).error?.message)
    .toBe('secret konaplate/absent does not exist: create it with `npm run secret -- put`');
});

it('refuses malformed input naming the key at fault, never its value, and writes nothing', async () => {
  const badKey = putArgs('konaplate/bad').map((arg) => (arg === files['client-0.key'] ? files['not-a-key.pem']! : arg));
  const refused = await run(badKey);
  expect(refused.error?.message).toBe('secret konaplate/bad: cryptoKeys[0].clientPrivateKey not a PEM RSA private key (PKCS#8 or PKCS#1)');
  expect(refused.error?.message).not.toContain('careless');

  const badAsp = putArgs('konaplate/bad').map((arg) => (arg === portal.aspId ? '0001700' : arg));
  expect((await run(badAsp)).error?.message).toBe('secret konaplate/bad: aspId must be 15 characters');
  const badZone = [...putArgs('konaplate/bad'), '--time-zone', 'PST'];
  expect((await run(badZone)).error?.message).toBe('secret konaplate/bad: timeZone must be one of UTC, GMT, KST');
  const badId = putArgs('konaplate/bad').map((arg) => (arg === portal.cryptoKeys[0]!.id ? 'short' : arg));
  expect((await run(badId)).error?.message).toBe('secret konaplate/bad: cryptoKeys[0].id must be 32 characters');
  expect(await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/bad' })).catch((e: Error) => e.name)).toBe('ResourceNotFoundException');
  expectNoSecretIn([refused.error!.message].join('\n'));
});

it('refuses a missing option, an unreadable file, a secret value on the command line, and a name that reads as an ARN', async () => {
  const withoutKey = putArgs('konaplate/x').filter((arg, i, all) => arg !== '--secret-key-file' && all[i - 1] !== '--secret-key-file');
  expect((await run(withoutKey)).error?.message.split('\n')[0]).toBe('put: --secret-key-file is required');
  const missingFile = putArgs('konaplate/x').map((arg) => (arg === files['access-key.txt'] ? path.join(dir, 'nowhere.txt') : arg));
  expect((await run(missingFile)).error?.message).toBe(`--access-key-file ${path.join(dir, 'nowhere.txt')}: cannot be read (ENOENT)`);
  expect((await run([...putArgs('konaplate/x'), '--secret-key', 'x'])).error?.message.split('\n')[0]).toMatch(/Unknown option '--secret-key'/);
  expect((await run(putArgs('konaplate/prod-AbC123'))).error?.message).toMatch(/reads as a secret ARN's suffix/);
  expect((await run(['remove-key', '--secret-id', 'x', '--crypto-key-id', 'y', '--kms-key-id', 'z'])).error?.message.split('\n')[0])
    .toBe('remove-key does not take --kms-key-id');
});
