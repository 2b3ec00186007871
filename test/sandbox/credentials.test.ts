/** Sandbox credentials: both views agree, keys pair up, files are made once and reused. */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyCache, parsePublicKeyPem } from '../../lib/protocol/keys';
import { decryptJwe, encryptJwe } from '../../lib/protocol/jwe';
import { CREDENTIALS_FILE, generateSandboxCredentials, loadOrCreateSandboxCredentials } from '../../sandbox/project/credentials';
import { decryptWith, encryptTo } from './support/kona-client';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-credentials-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('generates the documented shapes, the same in both views', async () => {
  const { project, clientSecret } = await generateSandboxCredentials();
  expect(project.aspId).toBe('000170000000000');
  expect(project.accessKey).toMatch(/^[0-9a-f]{7}-[0-9a-f]{32}$/);
  expect(project.secretKey.length).toBeGreaterThanOrEqual(32);
  expect(clientSecret).toMatchObject({ aspId: project.aspId, accessKey: project.accessKey, secretKey: project.secretKey, timeZone: 'KST' });
  expect(project.cryptoKeys).toHaveLength(1);
  expect(clientSecret.cryptoKeys.map((key) => key.id)).toEqual(project.cryptoKeys.map((key) => key.id));
  expect(project.cryptoKeys[0]!.id).toMatch(/^[0-9a-f]{32}$/);
  expect(Object.keys(clientSecret.cryptoKeys[0]!).sort()).toEqual(['clientPrivateKey', 'id', 'platformPublicKey']);
});

it.each(['certificate', 'spki'] as const)('pairs the keys (platform key as %s) for jose and for lib/protocol', async (format) => {
  const { project, clientSecret } = await generateSandboxCredentials({ platformKeyFormat: format });
  const platform = project.cryptoKeys[0]!;
  const client = clientSecret.cryptoKeys[0]!;
  expect(client.platformPublicKey.includes('BEGIN CERTIFICATE')).toBe(format === 'certificate');
  const platformPublic = parsePublicKeyPem(client.platformPublicKey);
  expect(platformPublic.asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(platformPublic.equals(createPublicKey(createPrivateKey(platform.platformPrivateKey)))).toBe(true);
  expect(createPublicKey(platform.clientPublicKey).equals(createPublicKey(createPrivateKey(client.clientPrivateKey)))).toBe(true);

  // Requests: the gateway seals to platformPublicKey, the sandbox opens with platformPrivateKey.
  const keys = new KeyCache();
  const request = await encryptJwe('{"a":1}', client.platformPublicKey, keys);
  expect(await decryptJwe(request, platform.platformPrivateKey, keys)).toBe('{"a":1}');
  expect(await decryptWith(platform.platformPrivateKey, await encryptTo(client.platformPublicKey, '{"b":2}'))).toMatchObject({ plaintext: '{"b":2}' });
  // Answers: the sandbox seals to clientPublicKey, the gateway opens with clientPrivateKey.
  const answer = await encryptJwe('{"c":3}', platform.clientPublicKey, keys, { alg: 'RSA-OAEP', enc: 'A256GCM' });
  expect(await decryptJwe(answer, client.clientPrivateKey, keys)).toBe('{"c":3}');
});

it('makes a self-signed X.509 certificate the platform key verifies', async () => {
  const { project, clientSecret } = await generateSandboxCredentials();
  const certificate = new X509Certificate(clientSecret.cryptoKeys[0]!.platformPublicKey);
  expect(certificate.verify(createPublicKey(createPrivateKey(project.cryptoKeys[0]!.platformPrivateKey)))).toBe(true);
  expect(certificate.subject).toContain(project.cryptoKeys[0]!.id);
  expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now() + 365 * 24 * 3600_000);
});

it('issues two key pairs on request', async () => {
  const { project } = await generateSandboxCredentials({ keyCount: 2 });
  expect(new Set(project.cryptoKeys.map((key) => key.id)).size).toBe(2);
});

it('writes the credentials once (owner-only) and reuses them', async () => {
  const first = await loadOrCreateSandboxCredentials(join(dir, 'a'));
  expect(first.created).toBe(true);
  expect(first.file).toBe(join(dir, 'a', CREDENTIALS_FILE));
  expect((await stat(first.file)).mode & 0o777).toBe(0o600);
  const second = await loadOrCreateSandboxCredentials(join(dir, 'a'));
  expect(second.created).toBe(false);
  expect(second.project).toEqual(first.project);
  expect(second.clientSecret).toEqual(first.clientSecret);
});

it('agrees on one set when several processes start at once', async () => {
  const all = await Promise.all([1, 2, 3].map(() => loadOrCreateSandboxCredentials(join(dir, 'race'))));
  expect(all.filter((loaded) => loaded.created)).toHaveLength(1);
  expect(new Set(all.map((loaded) => loaded.project.accessKey)).size).toBe(1);
});

it('refuses a damaged file instead of silently issuing new keys', async () => {
  const loaded = await loadOrCreateSandboxCredentials(join(dir, 'damaged'));
  const stored = JSON.parse(await readFile(loaded.file, 'utf8'));
  stored.clientSecret.accessKey = 'other';
  await writeFile(loaded.file, JSON.stringify(stored));
  await expect(loadOrCreateSandboxCredentials(join(dir, 'damaged'))).rejects.toThrow(/delete it/);
  await writeFile(loaded.file, '{');
  await expect(loadOrCreateSandboxCredentials(join(dir, 'damaged'))).rejects.toThrow(/not JSON/);
});
