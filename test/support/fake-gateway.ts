/**
 * A gateway stand-in for the caller client's tests: a script says what each request is answered
 * with, and the same reply is rendered as the gateway renders it on each transport — an HTTP answer
 * on a local server (the error body of lib/errors.ts `toBody()`), or a direct invoke's result
 * through a fake Lambda client (the function error AWS Lambda makes of a thrown GatewayError, or the
 * one serverless-offline makes). It also stands for what is not the gateway: API Gateway's own
 * answers, Lambda's refusals and crashes, a connection that drops.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KonaplateClient } from '../../client';
import type { LambdaLike } from '../../client/invoke-transport';
import { OPERATIONS } from '../../client/operations';
import type { GatewayError } from '../../lib/errors';
import { bigintsToStrings, parseJson, stringifyJson } from '../../lib/json';

export type Reply =
  /** A success: 200, or the status given (202 for a pending money answer). */
  | { answer: Record<string, unknown>; status?: number }
  | { error: GatewayError }
  /** The connection breaks before any answer (HTTP), the SDK gets no answer (invoke). */
  | { noAnswer: true }
  /** Not the gateway: API Gateway's own answer (HTTP), the Lambda service refusing the invoke (invoke). */
  | { foreign: { status: number; type: string; message: string } }
  /** The function itself failed outside the gateway's handler (invoke), e.g. Sandbox.Timedout. */
  | { crash: { errorType: string; errorMessage: string } }
  /** The reply, this many ms later (or never, if the caller gives up first). */
  | { after: number; reply: Reply };

export interface Received {
  operation: string;
  /** The body as sent, parsed without losing digits. */
  body: Record<string, unknown>;
  text: string;
  /** HTTP only. */
  headers?: IncomingHttpHeaders;
}

export type Transport = 'http' | 'invoke';

export interface FakeGateway {
  received: Received[];
  /** A client of this fake over `transport`. */
  client: (transport: Transport, options?: { timeoutMs?: number }) => KonaplateClient;
  baseUrl: string;
  close: () => Promise<void>;
}

const PATHS = new Map(Object.values(OPERATIONS).map((op) => [op.path, op.id]));
export const FUNCTION_PREFIX = 'konaplate-gateway-test-';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** How a direct invoke's function error looks: as AWS Lambda reports it, or as serverless-offline does. */
export type InvokeStyle = 'aws' | 'offline';

function functionError(error: GatewayError, style: InvokeStyle) {
  const trace = (error.stack ?? `${error.name}: ${error.message}`).split('\n');
  return style === 'aws' ? { errorType: error.name, errorMessage: error.message, trace } : { errorType: 'Error', errorMessage: error.message, trace };
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    }, { once: true });
  });

export async function fakeGateway(script: (received: Received, n: number) => Reply, style: InvokeStyle = 'aws'): Promise<FakeGateway> {
  const received: Received[] = [];
  const take = (operation: string, text: string, headers?: IncomingHttpHeaders): Reply => {
    const entry: Received = { operation, body: parseJson(text) as Record<string, unknown>, text, headers };
    received.push(entry);
    return script(entry, received.length);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let reply = take(PATHS.get(req.url ?? '') ?? `unknown ${req.url}`, Buffer.concat(chunks).toString('utf8'), req.headers);
      // A caller that gives up closes the connection: the late reply is then never written, nor waited for.
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      while ('after' in reply) {
        try {
          await wait(reply.after, gone.signal);
        } catch {
          return;
        }
        reply = reply.reply;
      }
      if ('noAnswer' in reply) return void req.socket.destroy();
      if ('answer' in reply) return void res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(stringifyJson(reply.answer));
      if ('error' in reply) {
        const correlation = reply.error.details.correlationId ? { 'x-km-correlation-id': reply.error.details.correlationId } : {};
        return void res.writeHead(reply.error.status, { 'content-type': 'application/json', ...correlation }).end(stringifyJson(reply.error.toBody()));
      }
      if ('foreign' in reply) {
        return void res.writeHead(reply.foreign.status, { 'content-type': 'application/json', 'x-amzn-errortype': `${reply.foreign.type}:http://internal.amazon.com/` }).end(JSON.stringify({ message: reply.foreign.message }));
      }
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const lambda: LambdaLike = {
    async send(command: object, options?: { abortSignal?: AbortSignal }) {
      const { FunctionName, Payload } = (command as { input: { FunctionName: string; Payload: Uint8Array } }).input;
      let reply = take(FunctionName.startsWith(FUNCTION_PREFIX) ? FunctionName.slice(FUNCTION_PREFIX.length) : `unknown ${FunctionName}`, new TextDecoder().decode(Payload));
      while ('after' in reply) {
        await wait(reply.after, options?.abortSignal);
        reply = reply.reply;
      }
      const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
      if ('noAnswer' in reply) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      if ('foreign' in reply) throw Object.assign(new Error(reply.foreign.message), { name: reply.foreign.type, $metadata: { httpStatusCode: reply.foreign.status } });
      if ('crash' in reply) return { StatusCode: 200, FunctionError: 'Unhandled', Payload: encode(reply.crash) };
      if ('error' in reply) return { StatusCode: 200, FunctionError: 'Unhandled', Payload: encode(functionError(reply.error, style)) };
      // The Lambda runtime's JSON.stringify: the gateway answers ids beyond 2^53 as decimal strings.
      return { StatusCode: 200, Payload: encode(bigintsToStrings(reply.answer)) };
    },
  };

  return {
    received,
    baseUrl,
    client: (transport, options = {}) =>
      transport === 'http'
        ? new KonaplateClient({ transport: 'http', baseUrl, region: 'ap-northeast-2', credentials: TEST_CREDENTIALS, ...options })
        : new KonaplateClient({ transport: 'invoke', functionPrefix: FUNCTION_PREFIX, lambda, ...options }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
