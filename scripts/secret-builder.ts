/**
 * `npm run secret`: builds the credentials secret from what the KONA PLATE portal hands out, checks
 * it with the functions' own shape check (lib/credentials/shape.ts), and writes it to Secrets Manager
 * with the AWS SDK (AWS_ENDPOINT_URL_SECRETS_MANAGER points it at a local one).
 *
 * Secret values are read from files (or `-` for stdin), never from the command line, where they
 * would land in shell history and the process list; only names, ARNs, versions and crypto key ids
 * (sent in clear in X-KM-Crypto-Key-Id) are ever printed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, ResourceExistsException, ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { parseCredentials } from '../lib/credentials/shape';
import { SUPPORTED_TIME_ZONES } from '../lib/protocol';

export const USAGE = `usage:
  npm run secret -- put --secret-id <name> --asp-id <15 characters> --access-key-file <file>
      --secret-key-file <file> --crypto-key-id <32 characters> --platform-certificate-file <file>
      --client-private-key-file <file> [--time-zone ${SUPPORTED_TIME_ZONES.join('|')}] [--kms-key-id <key ARN>] [--region <region>]
  npm run secret -- add-key --secret-id <name or ARN> --crypto-key-id <id> --platform-certificate-file <file>
      --client-private-key-file <file> [--region <region>]
  npm run secret -- remove-key --secret-id <name or ARN> --crypto-key-id <id> [--region <region>]
A file may be - (stdin), for one of them.`;

/** A refusal to print as one line; it never holds a secret value. */
export class SecretCommandError extends Error {
  override readonly name = 'SecretCommandError';
}

export interface SecretCommandIo {
  client: SecretsManagerClient;
  print(line: string): void;
  readStdin(): Promise<string>;
}

const OPTIONS = {
  'secret-id': { type: 'string' },
  'asp-id': { type: 'string' },
  'access-key-file': { type: 'string' },
  'secret-key-file': { type: 'string' },
  'crypto-key-id': { type: 'string' },
  'platform-certificate-file': { type: 'string' },
  'client-private-key-file': { type: 'string' },
  'time-zone': { type: 'string' },
  'kms-key-id': { type: 'string' },
  region: { type: 'string' },
} as const;

type Option = keyof typeof OPTIONS;
type Values = Partial<Record<Option, string>>;

/** The options each command takes; the first list is required. */
const COMMANDS: Record<string, { required: Option[]; optional: Option[] }> = {
  put: {
    required: ['secret-id', 'asp-id', 'access-key-file', 'secret-key-file', 'crypto-key-id', 'platform-certificate-file', 'client-private-key-file'],
    optional: ['time-zone', 'kms-key-id', 'region'],
  },
  'add-key': { required: ['secret-id', 'crypto-key-id', 'platform-certificate-file', 'client-private-key-file'], optional: ['region'] },
  'remove-key': { required: ['secret-id', 'crypto-key-id'], optional: ['region'] },
};

/** Secrets Manager confuses such a name with a partial ARN (its own advice: do not end a name so). */
const LOOKS_LIKE_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;

interface SecretDocument {
  aspId: string;
  accessKey: string;
  secretKey: string;
  timeZone: string;
  cryptoKeys: Array<{ id: string; platformPublicKey: string; clientPrivateKey: string }>;
}

/** Parses argv (without node and script), returns the command and its options, or throws one line. */
export function parseCommand(argv: readonly string[]): { command: string; values: Values } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SecretCommandError(`${(error as Error).message.split('\n')[0]}\n${USAGE}`);
  }
  const [command, ...extra] = parsed.positionals;
  const spec = command === undefined ? undefined : COMMANDS[command];
  if (!spec || extra.length > 0) throw new SecretCommandError(`give one command: put, add-key or remove-key\n${USAGE}`);
  const values = parsed.values as Values;
  for (const option of spec.required) if (!values[option]) throw new SecretCommandError(`${command}: --${option} is required\n${USAGE}`);
  for (const option of Object.keys(values) as Option[]) {
    if (!spec.required.includes(option) && !spec.optional.includes(option)) {
      throw new SecretCommandError(`${command} does not take --${option}\n${USAGE}`);
    }
  }
  const stdin = (Object.keys(values) as Option[]).filter((option) => option.endsWith('-file') && values[option] === '-');
  if (stdin.length > 1) throw new SecretCommandError(`only one file can be - (stdin), not ${stdin.map((o) => `--${o}`).join(' and ')}`);
  return { command: command!, values };
}

/** A file's text; a one-line value (access key, secret key) loses the line break an editor or echo adds. */
async function readInput(option: Option, values: Values, io: SecretCommandIo, oneLine = false): Promise<string> {
  const file = values[option]!;
  try {
    const text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
    return oneLine ? text.trim() : text;
  } catch (error) {
    throw new SecretCommandError(`--${option} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`);
  }
}

async function cryptoKey(values: Values, io: SecretCommandIo) {
  return {
    id: values['crypto-key-id']!,
    platformPublicKey: await readInput('platform-certificate-file', values, io),
    clientPrivateKey: await readInput('client-private-key-file', values, io),
  };
}

/** The functions' own check: an error names the key at fault (e.g. `cryptoKeys[1].clientPrivateKey`), never its value. */
function checked(document: SecretDocument, secretId: string): string {
  const text = JSON.stringify(document, null, 2);
  try {
    parseCredentials(text, secretId);
  } catch (error) {
    throw new SecretCommandError((error as Error).message);
  }
  return text;
}

async function readDocument(secretId: string, io: SecretCommandIo): Promise<SecretDocument> {
  let answer;
  try {
    answer = await io.client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) throw new SecretCommandError(`secret ${secretId} does not exist: create it with \`npm run secret -- put\``);
    throw error;
  }
  try {
    parseCredentials(answer.SecretString ?? '', secretId);
  } catch (error) {
    throw new SecretCommandError(`the stored ${(error as Error).message}: replace it with \`npm run secret -- put\``);
  }
  return JSON.parse(answer.SecretString!) as SecretDocument;
}

/** PutSecretValue when the secret exists, else CreateSecret (with the KMS key, if one is given). */
async function write(secretId: string, text: string, kmsKeyId: string | undefined, io: SecretCommandIo) {
  try {
    const put = await io.client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: text }));
    if (kmsKeyId) io.print(`note: --kms-key-id applies when a secret is created; ${secretId} keeps its key (aws secretsmanager update-secret --kms-key-id changes it)`);
    return { action: 'new version stored', arn: put.ARN, versionId: put.VersionId };
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) || secretId.startsWith('arn:')) throw error;
  }
  try {
    const created = await io.client.send(new CreateSecretCommand({ Name: secretId, SecretString: text, ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}) }));
    return { action: 'created', arn: created.ARN, versionId: created.VersionId };
  } catch (error) {
    if (error instanceof ResourceExistsException) throw new SecretCommandError(`secret ${secretId} was created meanwhile by someone else: run the command again`);
    throw error;
  }
}

export async function runSecretCommand(argv: readonly string[], io: SecretCommandIo): Promise<void> {
  const { command, values } = parseCommand(argv);
  const secretId = values['secret-id']!;
  let document: SecretDocument;
  if (command === 'put') {
    if (secretId.startsWith('arn:') === false && LOOKS_LIKE_ARN_SUFFIX.test(secretId)) {
      throw new SecretCommandError(`--secret-id ${secretId}: a name ending in a hyphen and 6 characters reads as a secret ARN's suffix; choose another name`);
    }
    document = {
      aspId: values['asp-id']!,
      accessKey: await readInput('access-key-file', values, io, true),
      secretKey: await readInput('secret-key-file', values, io, true),
      timeZone: values['time-zone'] ?? 'KST',
      cryptoKeys: [await cryptoKey(values, io)],
    };
  } else {
    document = await readDocument(secretId, io);
    const id = values['crypto-key-id']!;
    const present = document.cryptoKeys.some((key) => key.id === id);
    if (command === 'add-key') {
      if (present) throw new SecretCommandError(`secret ${secretId} already holds crypto key ${id}`);
      if (document.cryptoKeys.length >= 2) throw new SecretCommandError(`secret ${secretId} already holds 2 crypto keys (the platform issues at most two): remove one first`);
      document.cryptoKeys.push(await cryptoKey(values, io));
    } else {
      if (!present) throw new SecretCommandError(`secret ${secretId} holds no crypto key ${id} (it holds ${document.cryptoKeys.map((key) => key.id).join(', ') || 'none'})`);
      if (document.cryptoKeys.length === 1) throw new SecretCommandError(`crypto key ${id} is the only one in ${secretId}: add its successor first (add-key)`);
      document.cryptoKeys = document.cryptoKeys.filter((key) => key.id !== id);
    }
  }
  const result = await write(secretId, checked(document, secretId), values['kms-key-id'], io);
  io.print(`secret ${secretId}: ${result.action}`);
  io.print(`  ARN          ${result.arn}`);
  io.print(`  version      ${result.versionId}`);
  io.print(`  crypto keys  ${document.cryptoKeys.map((key, i) => `${key.id}${i === 0 ? ' (encrypts requests)' : ''}`).join(', ')}`);
  if (result.action === 'created') io.print(`deploy with KONAPLATE_SECRET_ID=${result.arn}`);
}
