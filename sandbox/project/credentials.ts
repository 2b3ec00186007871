/**
 * The sandbox project's credentials, in the two views the two sides hold (protocol.md §6.2):
 * the platform's (`project`: private platform key, client public key, secret key) and the
 * gateway's Secrets Manager secret (`clientSecret`: platform certificate, client private key).
 * Generated once and kept under .local/ (git-ignored) so a restarted sandbox accepts the
 * secret a running gateway has cached.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SandboxProject } from './project';
import { selfSignedCertificatePem } from './x509';

/** Sandbox projects share this ASP ID on the real platform (protocol.md §6.3). */
export const SANDBOX_ASP_ID = '000170000000000';
export const CREDENTIALS_FILE = 'sandbox-credentials.json';

/** The JSON the gateway reads from Secrets Manager (README.md § Configuration). */
export interface SandboxClientSecret {
  aspId: string;
  accessKey: string;
  secretKey: string;
  timeZone: string;
  cryptoKeys: Array<{ id: string; platformPublicKey: string; clientPrivateKey: string }>;
}

export interface SandboxCredentials {
  project: SandboxProject;
  clientSecret: SandboxClientSecret;
}

export interface GenerateOptions {
  /** Hand the platform public key out as an X.509 certificate (default, as the portal does) or as a PEM SPKI key. */
  platformKeyFormat?: 'certificate' | 'spki';
  /** Crypto key pairs to issue; the real platform allows at most two. Default 1. */
  keyCount?: 1 | 2;
  timeZone?: string;
}

const generateRsa = promisify(generateKeyPair);
const rsa2048 = () =>
  generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

const hex = (length: number) => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);

/** Fresh credentials, nothing written anywhere. */
export async function generateSandboxCredentials(options: GenerateOptions = {}): Promise<SandboxCredentials> {
  const accessKey = `${hex(7)}-${hex(32)}`;
  const secretKey = randomBytes(32).toString('base64url');
  const timeZone = options.timeZone ?? 'KST';
  const pairs = await Promise.all(
    Array.from({ length: options.keyCount ?? 1 }, async () => {
      const [platform, client] = await Promise.all([rsa2048(), rsa2048()]);
      const id = hex(32);
      const platformPublicKey = options.platformKeyFormat === 'spki'
        ? platform.publicKey
        : selfSignedCertificatePem({
            publicKey: createPublicKey(platform.publicKey),
            privateKey: createPrivateKey(platform.privateKey),
            commonName: `KONA PLATE sandbox server ${id}`,
          });
      return { id, platform, client, platformPublicKey };
    }),
  );
  return {
    project: {
      aspId: SANDBOX_ASP_ID,
      accessKey,
      secretKey,
      cryptoKeys: pairs.map(({ id, platform, client }) => ({ id, platformPrivateKey: platform.privateKey, clientPublicKey: client.publicKey })),
    },
    clientSecret: {
      aspId: SANDBOX_ASP_ID,
      accessKey,
      secretKey,
      timeZone,
      cryptoKeys: pairs.map(({ id, platformPublicKey, client }) => ({ id, platformPublicKey, clientPrivateKey: client.privateKey })),
    },
  };
}

interface StoredCredentials extends SandboxCredentials {
  version: 1;
  createdAt: string;
}

export interface LoadedCredentials extends SandboxCredentials {
  /** Where they are kept. */
  file: string;
  /** True when this call generated them. */
  created: boolean;
}

/** Reads dir/sandbox-credentials.json, or generates and writes it on first start. */
export async function loadOrCreateSandboxCredentials(dir: string = '.local', options: GenerateOptions = {}): Promise<LoadedCredentials> {
  const file = join(dir, CREDENTIALS_FILE);
  const existing = await readStored(file);
  if (existing) return { project: existing.project, clientSecret: existing.clientSecret, file, created: false };

  const credentials = await generateSandboxCredentials(options);
  const stored: StoredCredentials = { version: 1, createdAt: new Date().toISOString(), ...credentials };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link fails if another process won the race, and
  // nobody ever reads a half-written file.
  const temporary = `${file}.${process.pid}.${hex(8)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readStored(file);
    if (!winner) throw error;
    return { project: winner.project, clientSecret: winner.clientSecret, file, created: false };
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return { ...credentials, file, created: true };
}

async function readStored(file: string): Promise<StoredCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const problem = (reason: string) =>
    new Error(`${file} is not usable sandbox credentials (${reason}); delete it to generate new ones`);
  let stored: StoredCredentials;
  try {
    stored = JSON.parse(text) as StoredCredentials;
  } catch {
    throw problem('not JSON');
  }
  if (stored?.version !== 1) throw problem('unknown version');
  const { project, clientSecret } = stored;
  const strings = [project?.aspId, project?.accessKey, project?.secretKey, clientSecret?.aspId, clientSecret?.accessKey, clientSecret?.secretKey, clientSecret?.timeZone];
  if (!strings.every((value) => typeof value === 'string' && value !== '')) throw problem('missing fields');
  if (project.accessKey !== clientSecret.accessKey || project.secretKey !== clientSecret.secretKey || project.aspId !== clientSecret.aspId) {
    throw problem('the platform and client views disagree');
  }
  const ids = (keys: ReadonlyArray<{ id: string }> | undefined) => (Array.isArray(keys) ? keys.map((key) => key.id).join(',') : '');
  if (!Array.isArray(project.cryptoKeys) || project.cryptoKeys.length === 0 || ids(project.cryptoKeys) !== ids(clientSecret.cryptoKeys)) {
    throw problem('crypto key ids disagree');
  }
  return stored;
}
