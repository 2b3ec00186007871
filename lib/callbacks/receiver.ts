/**
 * The callback receiver: the one public route of the stage (POST /callbacks/konaplate, no IAM: the
 * platform cannot sign SigV4), so everything it lets through has proved itself the platform's
 * (lib/callbacks/verify.ts): headers, ASP ID, time window, HMAC over the raw bytes, first crypto
 * key; then its correlation id is claimed once (replay), the body decrypted and classified
 * (lib/callbacks/classify.ts), and the event handed on once (lib/events/hand-off.ts).
 *
 * Answers, in the platform's own envelope (protocol.md §5.4):
 * - 200 `000_000` when the event is on the bus, already was (a duplicate: the platform must stop
 *   sending it), or went to the failure queue (recorded; an operator redrives it);
 * - 401/400/413 with the refusal's code when it is not the platform's or cannot be read: nothing
 *   recorded, metric `CallbackRefused` (+ `CallbackRefused_<reason>`), a warning naming the reason;
 * - 503 while another delivery of the same event is being handed on, 500/503 when the receiver
 *   itself failed: the platform's retry (a fresh request) tries again.
 * The body is never logged: only its event type, kind, key and the outcome.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { defaultCredentialStore, type CredentialStore, type KonaplateCredentials } from '../credentials';
import { asGatewayError, GatewayError } from '../errors';
import { eventHandOff, handOnce, HandOffFailed, type HandOffDependencies, type HandOffOutcome } from '../events';
import { config } from '../config';
import { logger } from '../log';
import { countColdStart, countMetric, durationMetric, publishMetrics, type CountMetric } from '../metrics';
import { HEADER } from '../protocol/headers';
import { KeyCache } from '../protocol/keys';
import { classifyCallback } from './classify';
import { CallbackRefusal, refuse, type RefusalReason } from './refusals';
import { ReplayGuard } from './replay-guard';
import { CALLBACK_RECEIVER } from './route';
import {
  authenticateCallback, lowerCaseHeaders, MAX_CALLBACK_BYTES, openCallbackBody, readCallbackHeaders, readEnvelope,
  type CallbackEnvelope, type CallbackHeaders,
} from './verify';

export interface ReceiverDependencies {
  store?: () => CredentialStore;
  handOff?: () => HandOffDependencies;
  replayGuard?: () => ReplayGuard;
  now?: () => number;
}

/** A refusal these may be the secret's rotation rather than a forgery: the secret is fetched again, at most this often. */
const ROTATION_REASONS: ReadonlySet<RefusalReason> = new Set(['signature', 'asp_id', 'crypto_key']);
export const SECRET_REFETCH_INTERVAL_MS = 60_000;

const OUTCOME_METRIC: Record<Exclude<HandOffOutcome, 'in-progress'>, CountMetric> = {
  published: 'EventsPublished',
  duplicate: 'CallbackDuplicates',
  queued: 'EventsQueued',
};

type Answer = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

function answer(status: number, code: string, description: string, correlationId?: string): Answer {
  return {
    statusCode: status,
    headers: { 'Content-Type': 'application/json', ...(correlationId ? { [HEADER.correlationId]: correlationId } : {}) },
    body: JSON.stringify({ response: { code, description } }),
  };
}

const SUCCESS = (correlationId: string) => answer(200, '000_000', 'Success.', correlationId);

let sharedGuard: ReplayGuard | undefined;

function defaultReplayGuard(): ReplayGuard {
  if (sharedGuard) return sharedGuard;
  const { eventsTable } = config();
  if (!eventsTable) throw new GatewayError('configuration', 'KONAPLATE_EVENTS_TABLE is not set');
  sharedGuard = new ReplayGuard(eventsTable);
  return sharedGuard;
}

/** The raw body exactly as the platform sent it (API Gateway may hand it over base64-encoded). */
function rawBody(event: APIGatewayProxyEventV2): Buffer {
  const body = event.body ?? '';
  return Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
}

export function callbackReceiver(deps: ReceiverDependencies = {}) {
  const store = deps.store ?? defaultCredentialStore;
  const handOff = deps.handOff ?? eventHandOff;
  const replayGuard = deps.replayGuard ?? defaultReplayGuard;
  const now = deps.now ?? Date.now;
  const keys = new KeyCache();
  let lastRefetchAt = Number.NEGATIVE_INFINITY;
  try {
    store().prefetch();
  } catch {
    // KONAPLATE_SECRET_ID unset: the first callback reports it.
  }

  /** Steps 2–5 of verify.ts, once more with a freshly fetched secret when a refusal may be a rotation. */
  async function authenticated(h: CallbackHeaders, raw: Buffer, credentials: KonaplateCredentials): Promise<{ credentials: KonaplateCredentials; envelope: CallbackEnvelope }> {
    const attempt = (held: KonaplateCredentials) => {
      authenticateCallback(h, raw, held, now());
      return { credentials: held, envelope: readEnvelope(h, raw, held) };
    };
    try {
      return attempt(credentials);
    } catch (error) {
      if (!(error instanceof CallbackRefusal) || !ROTATION_REASONS.has(error.reason) || now() - lastRefetchAt < SECRET_REFETCH_INTERVAL_MS) throw error;
      lastRefetchAt = now();
      const fresh = await store().refresh(credentials);
      if (fresh === credentials) throw error;
      return attempt(fresh);
    }
  }

  /** `heard` gets the correlation id as soon as the headers are read, for every answer after that. */
  async function receive(event: APIGatewayProxyEventV2, heard: { correlationId?: string }): Promise<Answer> {
    const raw = rawBody(event);
    if (raw.length > MAX_CALLBACK_BYTES) refuse('too_large', `the body is ${raw.length} bytes; a callback is at most ${MAX_CALLBACK_BYTES}`);
    const h = readCallbackHeaders(lowerCaseHeaders(event.headers));
    heard.correlationId = h.correlationId;
    logger.appendKeys({ correlationId: h.correlationId });
    const { credentials, envelope } = await authenticated(h, raw, await store().get());

    const guard = replayGuard();
    const owner = randomUUID();
    if (!(await guard.claim(h.correlationId, owner, now()))) refuse('replayed', `${HEADER.correlationId} was seen before`);
    try {
      const { text, body } = openCallbackBody(envelope, credentials, keys);
      const classified = classifyCallback(text, body, { correlationId: h.correlationId, timeZone: h.timeZone, receivedAt: new Date(now()) });
      const { event: platformEvent } = classified;
      if (classified.unrecognised) {
        countMetric('CallbackUnknownKind');
        logger.warn('callback passed on as unknown', { eventKey: platformEvent.eventKey, why: classified.unrecognised });
      }
      const outcome = await handOnce(platformEvent, handOff());
      const fields = { eventType: classified.eventType, kind: platformEvent.kind, eventKey: platformEvent.eventKey, encrypted: envelope.jwe !== undefined, outcome };
      if (outcome === 'in-progress') {
        await guard.release(h.correlationId, owner);
        logger.info('callback of an event another delivery is handing on: asked to send again', fields);
        return answer(503, '000_001', 'The event is being handed on by another delivery; send it again.', h.correlationId);
      }
      countMetric(OUTCOME_METRIC[outcome]);
      logger.info('callback received', fields);
      return SUCCESS(h.correlationId);
    } catch (error) {
      // A refusal of the body stands; a failure of ours gives the correlation id back for the platform's retry.
      if (!(error instanceof CallbackRefusal)) await guard.release(h.correlationId, owner);
      throw error;
    }
  }

  return async function receiveCallback(event: APIGatewayProxyEventV2, context: Context): Promise<Answer> {
    const startedAt = performance.now();
    countColdStart();
    countMetric('Callbacks');
    logger.addContext(context);
    logger.resetKeys();
    logger.appendKeys({ operation: CALLBACK_RECEIVER.id });
    const heard: { correlationId?: string } = {};
    try {
      return await receive(event, heard);
    } catch (error) {
      if (error instanceof CallbackRefusal) {
        countMetric('CallbackRefused');
        countMetric(`CallbackRefused_${error.reason}`);
        logger.warn('callback refused', { reason: error.reason, code: error.code, description: error.description, sourceIp: event.requestContext?.http?.sourceIp });
        return answer(error.status, error.code, error.description, heard.correlationId);
      }
      const failure = error instanceof HandOffFailed ? new GatewayError('internal', error.message, {}, { cause: error }) : asGatewayError(error);
      countMetric(`Error_${failure.kind}`);
      logger.error('callback not handled', { kind: failure.kind, error: failure });
      return answer(failure.status >= 500 ? failure.status : 500, '000_001', 'Internal system error.', heard.correlationId);
    } finally {
      durationMetric('CallbackLatency', performance.now() - startedAt);
      publishMetrics(CALLBACK_RECEIVER.id);
    }
  };
}
