/**
 * A local AWS Secrets Manager speaking the AWS JSON 1.1 protocol, so the real
 * @aws-sdk/client-secrets-manager works against it (AWS_ENDPOINT_URL_SECRETS_MANAGER):
 * GetSecretValue (what the functions call), CreateSecret and PutSecretValue (what `npm run secret`
 * calls). Requests are not signature-checked: it only listens on 127.0.0.1 and holds sandbox
 * secrets. It counts GetSecretValue calls, so tests can see the gateway's secret cache at work.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue, readBody, sendJson } from '../http-io';
import { AwsError, startAwsJsonServer, type AwsOperation } from './aws-json';

export interface SecretsManagerOptions {
  host?: '127.0.0.1';
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Secret name → SecretString. */
  secrets: Record<string, string>;
  /** Used in ARNs when the request's signature names no region. */
  region?: string;
  accountId?: string;
}

export interface SecretsManagerHandle {
  /** e.g. http://127.0.0.1:4566, the value for AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  url: string;
  port: number;
  /** GetSecretValue calls so far, found or not. */
  calls(): number;
  callsFor(name: string): number;
  setSecret(name: string, value: string): void;
  deleteSecret(name: string): boolean;
  resetCalls(): void;
  close(): Promise<void>;
}

interface StoredSecret {
  /** Undefined for a secret created without a value: it has no AWSCURRENT version yet. */
  value: string | undefined;
  versionId: string | undefined;
  createdDate: number;
  /** AWS appends 6 random characters to a secret's name in its ARN. */
  arnSuffix: string;
  /** Kept as given; there is no local KMS. */
  kmsKeyId?: string;
}

const ARN_SECRET = /^arn:aws[\w-]*:secretsmanager:[\w-]*:\d*:secret:(.+)$/;

const NOT_FOUND = () => new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
const NO_CURRENT_VALUE = () => new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
/** The characters AWS allows in a secret name. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const requiredString = (input: Record<string, unknown>, member: string, awsName: string): string => {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw new AwsError('ValidationException', `1 validation error detected: Value at '${awsName}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
};

const optionalString = (input: Record<string, unknown>, member: string): string | undefined => {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `${member} must be a string.`);
  return value;
};

export async function startSecretsManager(options: SecretsManagerOptions): Promise<SecretsManagerHandle> {
  const host = options.host ?? '127.0.0.1';
  const defaultRegion = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const secrets = new Map<string, StoredSecret>();
  const callsByName = new Map<string, number>();
  let totalCalls = 0;

  const setSecret = (name: string, value: string | undefined, versionId: string | undefined = value === undefined ? undefined : randomUUID()) => {
    const previous = secrets.get(name);
    secrets.set(name, {
      ...previous,
      value,
      versionId,
      createdDate: previous?.createdDate ?? Date.now() / 1000,
      arnSuffix: previous?.arnSuffix ?? randomBytes(3).toString('hex'),
    });
  };
  for (const [name, value] of Object.entries(options.secrets)) setSecret(name, value);

  const arnOf = (name: string, secret: StoredSecret, region: string) =>
    `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${secret.arnSuffix}`;

  /** By name, by full ARN, or by a partial ARN that stops at the name (as AWS allows). */
  const resolve = (secretId: string): string | undefined => {
    const arn = ARN_SECRET.exec(secretId);
    if (!arn) return secrets.has(secretId) ? secretId : undefined;
    const tail = arn[1]!;
    if (secrets.has(tail)) return tail;
    const withoutSuffix = tail.replace(/-[A-Za-z0-9]{6}$/, '');
    const secret = secrets.get(withoutSuffix);
    return secret && tail === `${withoutSuffix}-${secret.arnSuffix}` ? withoutSuffix : undefined;
  };

  const getSecretValue = (input: Record<string, unknown>, region: string) => {
    const secretId = input.SecretId;
    totalCalls++;
    if (typeof secretId !== 'string' || secretId === '') {
      throw new AwsError('ValidationException', "1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must not be null");
    }
    const name = resolve(secretId);
    callsByName.set(name ?? secretId, (callsByName.get(name ?? secretId) ?? 0) + 1);
    const secret = name === undefined ? undefined : secrets.get(name);
    if (name === undefined || !secret) throw NOT_FOUND();
    if (secret.value === undefined) throw NO_CURRENT_VALUE();
    if (input.VersionId !== undefined && input.VersionId !== secret.versionId) throw NOT_FOUND();
    if (input.VersionStage !== undefined && input.VersionStage !== 'AWSCURRENT') throw NOT_FOUND();
    return {
      ARN: arnOf(name, secret, region),
      Name: name,
      VersionId: secret.versionId,
      SecretString: secret.value,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: secret.createdDate,
    };
  };

  /**
   * A new version's id is the request's ClientRequestToken (the SDK always sends one). Repeating a
   * token with the same value is a no-op, with another value an error: a version never changes.
   */
  const newVersion = (secret: StoredSecret | undefined, value: string, token: string | undefined): string => {
    if (token === undefined) return randomUUID();
    if (secret?.versionId === token && secret.value !== value) {
      throw new AwsError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
    }
    return token;
  };

  const createSecret = (input: Record<string, unknown>, region: string) => {
    const name = requiredString(input, 'Name', 'name');
    if (!SECRET_NAME.test(name)) {
      throw new AwsError('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
    }
    if (input.SecretBinary !== undefined) throw new AwsError('InvalidParameterException', 'SecretBinary is not supported by the local Secrets Manager.');
    const value = optionalString(input, 'SecretString');
    const token = optionalString(input, 'ClientRequestToken');
    const existing = secrets.get(name);
    if (existing && !(token !== undefined && existing.versionId === token && existing.value === value)) {
      throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    }
    if (!existing) setSecret(name, value, value === undefined ? undefined : newVersion(undefined, value, token));
    const secret = secrets.get(name)!;
    secret.kmsKeyId = optionalString(input, 'KmsKeyId');
    return { ARN: arnOf(name, secret, region), Name: name, ...(secret.versionId ? { VersionId: secret.versionId } : {}) };
  };

  const putSecretValue = (input: Record<string, unknown>, region: string) => {
    const name = resolve(requiredString(input, 'SecretId', 'secretId'));
    const secret = name === undefined ? undefined : secrets.get(name);
    if (name === undefined || !secret) throw NOT_FOUND();
    if (input.SecretBinary !== undefined) throw new AwsError('InvalidParameterException', 'SecretBinary is not supported by the local Secrets Manager.');
    const value = optionalString(input, 'SecretString');
    if (value === undefined) throw new AwsError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
    setSecret(name, value, newVersion(secret, value, optionalString(input, 'ClientRequestToken')));
    const stored = secrets.get(name)!;
    return { ARN: arnOf(name, stored, region), Name: name, VersionId: stored.versionId, VersionStages: ['AWSCURRENT'] };
  };

  const inRegion = (operation: (input: Record<string, unknown>, region: string) => unknown): AwsOperation =>
    (input, req) => operation(input, regionOf(req) ?? defaultRegion);
  const operations = new Map<string, AwsOperation>([
    ['GetSecretValue', inRegion(getSecretValue)],
    ['CreateSecret', inRegion(createSecret)],
    ['PutSecretValue', inRegion(putSecretValue)],
  ]);

  const handleControl = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname === '/__calls' && req.method === 'GET') {
      sendJson(res, 200, { GetSecretValue: totalCalls, byName: Object.fromEntries(callsByName) });
      return true;
    }
    if (pathname === '/__calls' && req.method === 'DELETE') {
      resetCalls();
      sendJson(res, 200, { GetSecretValue: 0 });
      return true;
    }
    if (pathname.startsWith('/__secrets/') && pathname.length > '/__secrets/'.length) {
      const name = decodeURIComponent(pathname.slice('/__secrets/'.length));
      if (req.method === 'PUT') {
        setSecret(name, (await readBody(req, 64 * 1024)).toString('utf8'));
        sendJson(res, 200, { Name: name, VersionId: secrets.get(name)!.versionId });
        return true;
      }
      if (req.method === 'DELETE') {
        sendJson(res, secrets.delete(name) ? 200 : 404, { Name: name });
        return true;
      }
    }
    return false;
  };

  const resetCalls = () => {
    totalCalls = 0;
    callsByName.clear();
  };

  const server = await startAwsJsonServer({
    name: 'local Secrets Manager',
    targetPrefix: 'secretsmanager.',
    contentType: 'application/x-amz-json-1.1',
    operations,
    control: handleControl,
  }, host, options.port ?? 0);
  return {
    url: server.url,
    port: server.port,
    calls: () => totalCalls,
    callsFor: (name) => callsByName.get(name) ?? 0,
    setSecret,
    deleteSecret: (name) => secrets.delete(name),
    resetCalls,
    close: server.close,
  };
}

/** The region of the SigV4 credential scope, so ARNs match what the client asked for. */
function regionOf(req: IncomingMessage): string | undefined {
  const scope = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/secretsmanager\//.exec(headerValue(req, 'Authorization') ?? '');
  return scope?.[1];
}
