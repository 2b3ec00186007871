/**
 * The credentials secret (README.md § Configuration; protocol.md §6.2): checked for shape once, with errors that name
 * the key at fault and never its value.
 */
import { isSupportedTimeZone, parsePrivateKeyPem, parsePublicKeyPem, SUPPORTED_TIME_ZONES, type CryptoKeyPair, type SigningIdentity } from '../protocol';
import { configurationError } from '../errors';
import { registerSecretValue } from '../mask';

export interface KonaplateCredentials extends SigningIdentity {
  /** First = the pair used for new requests; all are tried for answers during a rollover. */
  cryptoKeys: CryptoKeyPair[];
}

type Check = (value: unknown) => string | undefined;

const stringOfLength = (length: number): Check => (value) =>
  typeof value !== 'string' ? 'must be a string' : value.length !== length ? `must be ${length} characters` : undefined;

const nonEmptyString: Check = (value) => (typeof value === 'string' && value.length > 0 ? undefined : 'must be a non-empty string');

const pem = (parse: (text: string) => unknown): Check => (value) => {
  if (typeof value !== 'string' || value.length === 0) return 'must be a PEM string';
  try {
    parse(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

const TOP_LEVEL: Record<string, Check> = {
  aspId: stringOfLength(15),
  accessKey: stringOfLength(40),
  secretKey: nonEmptyString,
  timeZone: (value) =>
    typeof value === 'string' && isSupportedTimeZone(value) ? undefined : `must be one of ${SUPPORTED_TIME_ZONES.join(', ')}`,
};

const CRYPTO_KEY: Record<string, Check> = {
  id: stringOfLength(32),
  platformPublicKey: pem(parsePublicKeyPem),
  clientPrivateKey: pem(parsePrivateKeyPem),
};

function checkFields(where: string, record: Record<string, unknown>, rules: Record<string, Check>, secretId: string): void {
  for (const [key, check] of Object.entries(rules)) {
    if (!(key in record) || record[key] === undefined || record[key] === null) {
      throw configurationError(`secret ${secretId}: ${where}${key} is missing`);
    }
    const problem = check(record[key]);
    if (problem) throw configurationError(`secret ${secretId}: ${where}${key} ${problem}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Parses and checks the secret string; registers its secret values for log masking. */
export function parseCredentials(secretString: string, secretId: string): KonaplateCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw configurationError(`secret ${secretId}: SecretString is not JSON`);
  }
  if (!isRecord(parsed)) throw configurationError(`secret ${secretId}: SecretString is not a JSON object`);
  checkFields('', parsed, TOP_LEVEL, secretId);
  const keys = parsed.cryptoKeys ?? [];
  if (!Array.isArray(keys)) throw configurationError(`secret ${secretId}: cryptoKeys must be an array`);
  if (keys.length > 2) throw configurationError(`secret ${secretId}: cryptoKeys holds at most 2 keys (the platform issues at most two)`);
  keys.forEach((key, index) => {
    if (!isRecord(key)) throw configurationError(`secret ${secretId}: cryptoKeys[${index}] must be an object`);
    checkFields(`cryptoKeys[${index}].`, key, CRYPTO_KEY, secretId);
  });
  const credentials: KonaplateCredentials = {
    aspId: parsed.aspId as string,
    accessKey: parsed.accessKey as string,
    secretKey: parsed.secretKey as string,
    timeZone: parsed.timeZone as string,
    cryptoKeys: (keys as Record<string, string>[]).map((key) => ({
      id: key.id!,
      platformPublicKey: key.platformPublicKey!,
      clientPrivateKey: key.clientPrivateKey!,
    })),
  };
  registerSecretValue(credentials.secretKey);
  registerSecretValue(credentials.accessKey);
  return credentials;
}
