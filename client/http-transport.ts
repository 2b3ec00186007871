/**
 * The gateway's HTTP API, every request signed with SigV4 for `execute-api` (every deployed route
 * uses IAM authorization) by the AWS SDK's own signer, with credentials from the caller or the AWS
 * SDK's default chain (environment, SSO, shared files, web identity, container, instance metadata).
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { parseJson, stringifyJson } from '../lib/json';
import { errorFromHttp, moneyKeyOf } from './error-decoding';
import { KonaplateNetworkError } from './errors';
import { sigV4Signer } from './signer';
import type { AwsCredentials, AwsCredentialsProvider, CallOptions, OperationInfo, Transport } from './transport';

export interface HttpTransportOptions {
  transport: 'http';
  /**
   * The API's base URL: the stack's `HttpApiUrl` output (`https://<id>.execute-api.<region>.amazonaws.com`),
   * or `http://127.0.0.1:3000` for `npm start`'s stack. Operation paths are appended to it.
   */
  baseUrl: string;
  /** The API's region, part of the signature's scope. */
  region: string;
  /** Default: the AWS SDK's default credential chain. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
}

/** Why no answer came: the caller's abort stays the caller's; anything else is a network error. */
function noAnswer(operation: OperationInfo, request: object, error: unknown, signal: AbortSignal | undefined, timedOut: boolean): unknown {
  if (signal?.aborted) return signal.reason;
  const why = timedOut ? 'no answer within the client timeout' : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
  return new KonaplateNetworkError(`${operation.id}: no complete answer from the gateway (${why})`, { cause: error, ...moneyKeyOf(operation, request) });
}

export function httpTransport(options: HttpTransportOptions, timeoutMs: number): Transport {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError(`baseUrl ${options.baseUrl}: not an http(s) URL`);
  const signer = sigV4Signer(options.region, options.credentials ?? defaultProvider());
  const prefix = base.pathname.replace(/\/+$/, '');
  return {
    async send(operation: OperationInfo, request: object, call: CallOptions) {
      const url = new URL(base.origin + prefix + operation.path);
      const body = stringifyJson(request);
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query: {},
        headers: { host: url.host, 'content-type': 'application/json' },
        body,
      });
      // fetch writes Host from the URL itself (the same value as signed).
      const { host: _host, ...headers } = signed.headers;
      const timeout = AbortSignal.timeout(call.timeoutMs ?? timeoutMs);
      const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
      let status: number;
      let text: string;
      let answerHeaders: Headers;
      try {
        const response = await fetch(url, { method: 'POST', headers, body, signal });
        status = response.status;
        answerHeaders = response.headers;
        text = await response.text();
      } catch (error) {
        throw noAnswer(operation, request, error, call.signal, timeout.aborted);
      }
      if (status < 200 || status > 299) throw errorFromHttp(status, text, answerHeaders, operation, request);
      try {
        return parseJson(text) as Record<string, unknown>;
      } catch (error) {
        // A RangeError (an id this Node cannot keep exact) is the caller's to see as it is.
        if (!(error instanceof SyntaxError)) throw error;
        throw new KonaplateNetworkError(`${operation.id}: HTTP ${status} with an unreadable body`, { status, cause: error, ...moneyKeyOf(operation, request) });
      }
    },
  };
}
