/**
 * Retry policy by operation kind (the catalog's `kind`), always inside the deadline:
 * - any kind: a request that surely never reached the platform (no connection, a failed TLS
 *   handshake) is sent again; a refusal of the gateway's credentials (HTTP 401 or 403 whatever
 *   code it carries, or a catalog authentication code) fetches the secret again once (key
 *   rotation) and retries once if it changed;
 * - reads: also retried after timeouts, 5xx and unreadable answers, with jittered backoff;
 * - writes and money: never repeated once they may have reached the platform; such a failure
 *   becomes `outcome_unknown` (money operations then ask the platform, lib/money/outcome.ts).
 */
import { setTimeout } from 'node:timers/promises';
import type { GatewayOperation } from '../catalog/types';
import type { KonaplateCredentials } from '../credentials/shape';
import type { CredentialStore } from '../credentials/store';
import { GatewayError } from '../errors';
import { logger } from '../log';
import { countMetric } from '../metrics';
import type { KeyCache } from '../protocol/keys';
import { callPlatform, type CallContext, type CallResult } from './call';

export interface PolicyContext {
  baseUrl: string;
  credentials: KonaplateCredentials;
  store: CredentialStore;
  deadline: number;
  keys: KeyCache;
  /** Injected in tests; Math.random otherwise. */
  random?: () => number;
  observe?: CallContext['observe'];
}

export const MAX_READ_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 1000;
/** Below this much time left, another attempt could not finish: answer instead. */
const MIN_ATTEMPT_MS = 250;

function sameSigningMaterial(a: KonaplateCredentials, b: KonaplateCredentials): boolean {
  return a.aspId === b.aspId && a.accessKey === b.accessKey && a.secretKey === b.secretKey &&
    a.cryptoKeys.map((k) => k.id).join() === b.cryptoKeys.map((k) => k.id).join();
}

function retryableRead(error: GatewayError): boolean {
  return error.delivery === 'maybe-sent' && (error.kind === 'timeout' || error.kind === 'platform_unavailable');
}

/** A write that may have taken effect is reported as such, never as a plain failure. */
function asOutcomeUnknown(op: GatewayOperation, error: GatewayError, input: unknown): GatewayError {
  const sequenceId = (input as { sequenceId?: unknown } | null)?.sequenceId;
  return new GatewayError('outcome_unknown', `${op.id} may or may not have taken effect: ${error.message}`, {
    ...error.details,
    ...(typeof sequenceId === 'string' ? { sequenceId } : {}),
  }, { cause: error, delivery: 'maybe-sent' });
}

export async function callWithPolicy(op: GatewayOperation, input: unknown, ctx: PolicyContext): Promise<CallResult> {
  const random = ctx.random ?? Math.random;
  let credentials = ctx.credentials;
  let refreshed = false;
  for (let attempt = 1; ; attempt += 1) {
    const remaining = ctx.deadline - Date.now();
    // A read keeps time for a retry; a write has one shot and takes all the time there is.
    const attemptDeadline = op.kind === 'read' && attempt < MAX_READ_ATTEMPTS
      ? Date.now() + Math.max(Math.min(remaining, 1000), Math.floor(remaining / 2))
      : ctx.deadline;
    try {
      return await callPlatform(op, input, { baseUrl: ctx.baseUrl, credentials, deadline: attemptDeadline, keys: ctx.keys, ...(ctx.observe && { observe: ctx.observe }) });
    } catch (caught) {
      if (!(caught instanceof GatewayError)) throw caught;
      const error = caught;
      let retry = false;
      if (error.kind === 'platform_auth' && error.delivery === 'refused' && !refreshed) {
        refreshed = true;
        const before = credentials;
        credentials = await ctx.store.refresh(credentials);
        // Only worth another try when the secret really changed (rotation); otherwise the refusal stands.
        retry = !sameSigningMaterial(credentials, before);
        logger.warn('platform refused the credentials; secret fetched again', { operation: op.id, code: error.details.platformCode, rotated: retry });
      } else if (error.delivery === 'not-sent') {
        retry = attempt < MAX_READ_ATTEMPTS;
      } else if (op.kind === 'read' && retryableRead(error)) {
        retry = attempt < MAX_READ_ATTEMPTS;
      }
      if (retry) {
        const backoff = error.kind === 'platform_auth' ? 0 : Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
        if (ctx.deadline - Date.now() - backoff >= MIN_ATTEMPT_MS) {
          logger.info('retrying', { operation: op.id, attempt: attempt + 1, after: error.kind, backoffMs: backoff });
          countMetric('Retries');
          await setTimeout(backoff);
          continue;
        }
      }
      if (op.kind !== 'read' && error.delivery === 'maybe-sent') throw asOutcomeUnknown(op, error, input);
      throw error;
    }
  }
}
