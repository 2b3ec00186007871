/**
 * A local AWS Secrets Manager, just GetSecretValue, speaking the AWS JSON 1.1 protocol so the
 * real @aws-sdk/client-secrets-manager works against it (AWS_ENDPOINT_URL_SECRETS_MANAGER).
 * Requests are not signature-checked: it only listens on 127.0.0.1 and holds sandbox secrets.
 * It counts calls, so tests can see the gateway's secret cache at work.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, headerValue, listen, readBody, sendJson } from './http-io';

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
  value: string;
  versionId: string;
  createdDate: number;
  /** AWS appends 6 random characters to a secret's name in its ARN. */
  arnSuffix: string;
}

const AMZ_JSON = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'secretsmanager.';
const ARN_SECRET = /^arn:aws[\w-]*:secretsmanager:[\w-]*:\d*:secret:(.+)$/;

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const NOT_FOUND = () => new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

export async function startSecretsManager(options: SecretsManagerOptions): Promise<SecretsManagerHandle> {
  const host = options.host ?? '127.0.0.1';
  const defaultRegion = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const secrets = new Map<string, StoredSecret>();
  const callsByName = new Map<string, number>();
  let totalCalls = 0;

  const setSecret = (name: string, value: string) => {
    const previous = secrets.get(name);
    secrets.set(name, {
      value,
      versionId: randomUUID(),
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

  const handleAws = async (req: IncomingMessage, res: ServerResponse) => {
    const target = headerValue(req, 'X-Amz-Target') ?? '';
    const requestId = randomUUID();
    try {
      let input: unknown;
      try {
        const text = (await readBody(req, 64 * 1024)).toString('utf8');
        input = text === '' ? {} : JSON.parse(text);
      } catch {
        throw new AwsError('SerializationException', 'Request body is not valid JSON.');
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'Request body must be a JSON object.');
      if (target !== `${TARGET_PREFIX}GetSecretValue`) throw new AwsError('UnknownOperationException', `Operation ${target || '(none)'} is not supported by the local Secrets Manager.`);
      const result = getSecretValue(input as Record<string, unknown>, regionOf(req) ?? defaultRegion);
      sendJson(res, 200, result, { 'x-amzn-RequestId': requestId }, AMZ_JSON);
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      sendJson(res, error.status, { __type: error.type, message: error.message }, { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.type }, AMZ_JSON);
    }
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (pathname === '/__calls' && req.method === 'GET') {
      return sendJson(res, 200, { GetSecretValue: totalCalls, byName: Object.fromEntries(callsByName) });
    }
    if (pathname === '/__calls' && req.method === 'DELETE') {
      resetCalls();
      return sendJson(res, 200, { GetSecretValue: 0 });
    }
    if (pathname.startsWith('/__secrets/') && pathname.length > '/__secrets/'.length) {
      const name = decodeURIComponent(pathname.slice('/__secrets/'.length));
      if (req.method === 'PUT') {
        setSecret(name, (await readBody(req, 64 * 1024)).toString('utf8'));
        return sendJson(res, 200, { Name: name, VersionId: secrets.get(name)!.versionId });
      }
      if (req.method === 'DELETE') return sendJson(res, secrets.delete(name) ? 200 : 404, { Name: name });
    }
    sendJson(res, 404, { message: `no route ${req.method} ${pathname}` });
  };

  const resetCalls = () => {
    totalCalls = 0;
    callsByName.clear();
  };

  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    const handled = pathname === '/' && req.method === 'POST' ? handleAws(req, res) : handleControl(req, res, pathname);
    handled.catch((error: unknown) => {
      console.error('local secrets manager error:', error);
      if (!res.headersSent) sendJson(res, 500, { __type: 'InternalServiceError', message: 'internal error' }, {}, AMZ_JSON);
    });
  });

  const port = await listen(server, host, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    calls: () => totalCalls,
    callsFor: (name) => callsByName.get(name) ?? 0,
    setSecret,
    deleteSecret: (name) => secrets.delete(name),
    resetCalls,
    close: () => (closing ??= closeServer(server)),
  };
}

/** The region of the SigV4 credential scope, so ARNs match what the client asked for. */
function regionOf(req: IncomingMessage): string | undefined {
  const scope = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/secretsmanager\//.exec(headerValue(req, 'Authorization') ?? '');
  return scope?.[1];
}
