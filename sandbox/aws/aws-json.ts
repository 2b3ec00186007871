/**
 * What the local AWS stand-ins share: an HTTP server on 127.0.0.1 speaking the AWS JSON protocol
 * (POST /, the operation in X-Amz-Target, a JSON body, errors as {__type, message}), so the real
 * AWS SDK clients work against them through AWS_ENDPOINT_URL_<SERVICE>; and, beside it, each
 * stand-in's own control routes for tests. Requests are not signature-checked: they only listen on
 * loopback and hold sandbox data.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, headerValue, listen, readBody, sendJson } from '../http-io';

export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type AwsOperation = (input: Record<string, unknown>, req: IncomingMessage) => unknown;

export interface AwsJsonService {
  /** For messages, e.g. "local Secrets Manager". */
  name: string;
  /** X-Amz-Target's service part with its dot, e.g. "secretsmanager.". */
  targetPrefix: string;
  /** application/x-amz-json-1.1 or -1.0, as the service's SDK expects. */
  contentType: string;
  operations: ReadonlyMap<string, AwsOperation>;
  /** Headers added to every error answer (e.g. SQS's query-compatible error code). */
  errorHeaders?: (error: AwsError) => Record<string, string>;
  /** Any request other than POST /: the stand-in's control routes. Answers 404 when it returns false. */
  control?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
}

export interface AwsJsonServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readInput(req: IncomingMessage): Promise<Record<string, unknown>> {
  let input: unknown;
  try {
    const text = (await readBody(req, 1024 * 1024)).toString('utf8');
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'Request body must be a JSON object.');
  return input as Record<string, unknown>;
}

export async function startAwsJsonServer(service: AwsJsonService, host: string, port: number): Promise<AwsJsonServer> {
  const handleAws = async (req: IncomingMessage, res: ServerResponse) => {
    const target = headerValue(req, 'X-Amz-Target') ?? '';
    const requestId = randomUUID();
    try {
      const input = await readInput(req);
      const operation = target.startsWith(service.targetPrefix) ? service.operations.get(target.slice(service.targetPrefix.length)) : undefined;
      if (!operation) throw new AwsError('UnknownOperationException', `Operation ${target || '(none)'} is not supported by the ${service.name}.`);
      sendJson(res, 200, await operation(input, req), { 'x-amzn-RequestId': requestId }, service.contentType);
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      sendJson(res, error.status, { __type: error.type, message: error.message }, {
        'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.type, ...service.errorHeaders?.(error),
      }, service.contentType);
    }
  };

  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    const handled = pathname === '/' && req.method === 'POST'
      ? handleAws(req, res)
      : (service.control?.(req, res, pathname) ?? Promise.resolve(false)).then((done) => {
        if (!done) sendJson(res, 404, { message: `no route ${req.method} ${pathname}` });
      });
    handled.catch((error: unknown) => {
      console.error(`${service.name} error:`, error);
      if (!res.headersSent) sendJson(res, 500, { __type: 'InternalServiceError', message: 'internal error' }, {}, service.contentType);
    });
  });

  const bound = await listen(server, host, port);
  let closing: Promise<void> | undefined;
  return { url: `http://${host}:${bound}`, port: bound, close: () => (closing ??= closeServer(server)) };
}

/** A JSON object body of a control route; a 400 answer when it is not one. */
async function readControlJson(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}');
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  sendJson(res, 400, { message: 'body must be a JSON object' });
  return undefined;
}

/** The `count` of a POST /__failures body (default 1), or undefined once a 400 was answered. */
export async function readFailureCount(req: IncomingMessage, res: ServerResponse): Promise<{ count: number; body: Record<string, unknown> } | undefined> {
  const body = await readControlJson(req, res);
  if (!body) return undefined;
  const count = body.count === undefined ? 1 : Number(body.count);
  if (Number.isInteger(count) && count >= 1 && count <= 1000) return { count, body };
  sendJson(res, 400, { message: 'count must be 1..1000' });
  return undefined;
}
