/**
 * One operation call to the platform: body serialised once, encrypted when the operation says so,
 * signed over the exact bytes sent, X-KM-* headers from one clock reading, answer opened and typed.
 */
import type { GatewayOperation } from '../catalog/types';
import type { KonaplateCredentials } from '../credentials/shape';
import { configurationError, GatewayError } from '../errors';
import { logger } from '../log';
import { countMetric, countPlatformCode } from '../metrics';
import { HEADER, KeyCache, openBody, readTranClock, requestHeaders, sealBody, stringifyJson } from '../protocol';
import { platformBaseUrl, postJson, TransportError, type HttpAnswer } from './transport';
import { envelopeOf, interpretAnswer, refusesCredentials } from './interpret-answer';
import { observedAttempt } from './observed-attempt';

export interface CallContext {
  baseUrl: string;
  credentials: KonaplateCredentials;
  /** Absolute time (epoch ms) by which the answer must be in. */
  deadline: number;
  keys: KeyCache;
  /** Told what each attempt looked like on the wire (the conformance command); functions leave it unset. */
  observe?: (attempt: AttemptSeen) => void;
}

/** One attempt as it went: what was sent, and the answer's raw bytes, or how it failed. */
export interface AttemptSeen {
  operation: string;
  /** When the request left (epoch ms), its clock and what the catalog made of it. */
  sentAt: number;
  timeZone: string;
  correlationId: string;
  sentEncrypted: boolean;
  sentCryptoKeyId?: string;
  answer?: HttpAnswer;
  /** The answer parsed, and opened when it was encData. */
  opened?: unknown;
  /** Why no answer could be read: no complete answer, or one that could not be parsed or opened. */
  failure?: string;
}

export interface CallResult {
  data: Record<string, unknown>;
  /** The platform's X-KM-Correlation-Id (ours echoed), for support. */
  correlationId: string;
  /** HTTP status for an API Gateway caller: 200, or 202 for a money request the platform holds as pending. */
  status?: number;
}

export const defaultKeyCache = new KeyCache();

function headerValue(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

const urls = new Map<string, URL>();

/** The operation's URL, parsed and checked once per container and base URL. */
function operationUrl(baseUrl: string, op: GatewayOperation): URL {
  const id = `${baseUrl} ${op.path}`;
  let url = urls.get(id);
  if (!url) {
    const base = platformBaseUrl(baseUrl);
    url = new URL(base.href.replace(/\/+$/, '') + op.path);
    urls.set(id, url);
  }
  return url;
}

/**
 * Sends once, resending once when a pooled connection turned out closed before any answer byte.
 * A write is resent only if the reset came before the request was fully written: after that, the
 * reset looks the same as a platform that committed and died, and a resend could charge twice.
 */
async function send(op: GatewayOperation, url: URL, headers: Record<string, string>, body: string, deadline: number): Promise<HttpAnswer> {
  const post = () => observedAttempt(op, url, headers[HEADER.correlationId], () => postJson(url, headers, body, deadline - Date.now()));
  try {
    return await post();
  } catch (error) {
    if (error instanceof TransportError && error.failure === 'stale-socket' && (op.kind === 'read' || !error.flushed)) {
      logger.info('pooled connection was stale; sending again on a new one', { operation: op.id });
      countMetric('Retries');
      return post();
    }
    throw error;
  }
}

function transportToGatewayError(error: TransportError, correlationId: string): GatewayError {
  if (error.notSent) {
    return new GatewayError('platform_unavailable', `platform unreachable (${error.message})`, { correlationId }, { cause: error, delivery: 'not-sent' });
  }
  if (error.failure === 'timeout') {
    return new GatewayError('timeout', 'the platform did not answer in time', { correlationId }, { cause: error, delivery: 'maybe-sent' });
  }
  return new GatewayError('platform_unavailable', `no complete answer from the platform (${error.message})`, { correlationId }, { cause: error, delivery: 'maybe-sent' });
}

export async function callPlatform(op: GatewayOperation, input: unknown, ctx: CallContext): Promise<CallResult> {
  const { credentials, keys } = ctx;
  const needsKey = op.encrypted.request || op.encrypted.response;
  const pair = credentials.cryptoKeys[0];
  if (needsKey && !pair) throw configurationError(`operation ${op.id} needs a crypto key but the secret holds none`);

  const plaintext = stringifyJson(input);
  const body = op.encrypted.request ? sealBody(plaintext, pair!.platformPublicKey, keys) : plaintext;
  const clock = readTranClock(credentials.timeZone);
  const headers = requestHeaders(credentials, body, clock, needsKey ? pair!.id : undefined);
  const url = operationUrl(ctx.baseUrl, op);

  const started = Date.now();
  const observe = ctx.observe && ((seen: Pick<AttemptSeen, 'answer' | 'opened' | 'failure'>) => ctx.observe!({
    operation: op.id, sentAt: started, timeZone: credentials.timeZone, correlationId: clock.correlationId,
    sentEncrypted: op.encrypted.request, ...(needsKey && { sentCryptoKeyId: pair!.id }), ...seen,
  }));
  let answer: HttpAnswer;
  try {
    answer = await send(op, url, headers, body, ctx.deadline);
  } catch (error) {
    observe?.({ failure: (error as Error).message });
    if (error instanceof TransportError) throw transportToGatewayError(error, clock.correlationId);
    throw error;
  }
  const correlationId = headerValue(answer, HEADER.correlationId) ?? clock.correlationId;
  logger.info('platform answered', { operation: op.id, status: answer.status, correlationId, ms: Date.now() - started });

  let opened: unknown;
  try {
    opened = openBody(answer.body, headerValue(answer, HEADER.cryptoKeyId), credentials.cryptoKeys, keys);
  } catch (error) {
    observe?.({ answer, failure: (error as Error).message });
    // A 401/403 refuses the credentials even when its body is an HTML page from a proxy in front.
    if (refusesCredentials(answer.status)) interpretAnswer(op, answer.status, undefined, correlationId);
    throw new GatewayError('platform_unavailable', `unreadable answer: ${(error as Error).message}`, {
      platformStatus: answer.status,
      correlationId,
    }, { cause: error, delivery: 'maybe-sent' });
  }
  observe?.({ answer, opened });
  countPlatformCode(envelopeOf(opened)?.code);
  const data = interpretAnswer(op, answer.status, opened, correlationId);
  const mismatches = op.checks.response.allViolations(data);
  if (mismatches.length > 0) {
    // Kept, not thrown: refusing a success the platform already committed would hide it from the caller.
    logger.warn('answer differs from the catalog schema', { operation: op.id, correlationId, mismatches });
  }
  return { data, correlationId };
}
