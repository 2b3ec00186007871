/**
 * Money requests (charges, payments, their cancels, refunds) until the answer is final. A money
 * request is keyed (a charge's or refund's sequenceId, a payment's transactionId, the nrNumber a
 * payment cancel names): the gateway's ledger never sends a key to the platform twice, answers a
 * repeat from what happened, and learns from the platform when it does not know yet. So every
 * attempt here carries the same key (a new one could move the money twice), and an answer that is
 * not final — the outcome unknown, the first call still in flight, a charge pending, no answer at
 * all — is met by calling again after a jittered backoff, until COMPLETED, a refusal, or the
 * caller's deadline.
 *
 * PENDING is polled by calling the charge again, not by chargeResultInquiry: the repeat is
 * answered from the gateway's ledger (or by the gateway asking the platform and recording the
 * result), so the ledger is settled and the answer keeps the charge's nrNumber, which the inquiry
 * alone does not give.
 */
import { randomInt } from 'node:crypto';
import { ERROR_CLASSES, KonaplateConflict, KonaplateOutcomeUnknown } from './error-classes';
import { KonaplateError, KonaplateNetworkError } from './errors';
import type { MoneyKeyName } from './transport';

/** protocol.md §7.1: one generator fits every money API if its ids have at most 20 characters. */
export const SEQUENCE_ID_LENGTH = 20;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new sequenceId: 20 characters of `A–Z a–z 0–9`, the time in ms (base 36, so ids sort by
 * creation until the year 5188) then 11 random characters (65 bits).
 */
export function newSequenceId(now = Date.now()): string {
  const time = now.toString(36).toUpperCase().padStart(9, '0');
  let random = '';
  while (random.length < SEQUENCE_ID_LENGTH - time.length) random += ALPHABET[randomInt(ALPHABET.length)];
  return time + random;
}

export interface MoneyOptions {
  /** When to stop calling again (an epoch ms or a Date); default 90 s from the call. */
  deadline?: number | Date;
  /** Stops at once; the outcome is then unknown (a KonaplateOutcomeUnknown carrying the request's key). */
  signal?: AbortSignal;
  /** How long to wait for one attempt's answer, ms (default: the client's timeoutMs); never past the deadline. */
  attemptTimeoutMs?: number;
  /** Waits between attempts: the n-th is drawn from [½, 1] × min(maxMs, initialMs × 2^(n−1)); default 250 ms and 5 s. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Told before each new attempt: why, and how long until it. */
  onRetry?: (retry: MoneyRetry) => void;
}

/**
 * Why and when the next attempt comes. The request's key is in `key` (its field named by `keyName`),
 * and under its own name too, as errors carry it: `sequenceId` for a charge, its cancel and a refund,
 * `transactionId` for a payment, `nrNumber` for a payment cancel.
 */
export type MoneyRetry = MoneyRetryFields & Partial<Record<MoneyKeyName, string>>;

export interface MoneyRetryFields {
  key: string;
  keyName: MoneyKeyName;
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  delayMs: number;
  /** `pending`, or the error that was not final. */
  reason: 'pending' | KonaplateError;
}

/**
 * Longer than the gateway's KONAPLATE_SETTLE_MS (60 s, plus one call): a charge that never reached
 * the platform is unknown until then, and reported as not done after, so by default a caller gets
 * that final answer rather than an unknown one.
 */
export const DEFAULT_MONEY_DEADLINE_MS = 90_000;
const DEFAULT_BACKOFF = { initialMs: 250, maxMs: 5000 };
/** No attempt is started with less time than this left: it would be given up before its answer, leaving the outcome no clearer. */
const MIN_ATTEMPT_MS = 200;

/** The gateway's 409 while another call with this sequenceId is still in flight (lib/money/flow.ts). */
const IN_FLIGHT = /is being processed by another call/;

/** The kinds that are the gateway's final word on a request: asking again gets the same answer. */
const FINAL_KINDS = new Set(['invalid_request', 'payload_too_large', 'platform_invalid_input', 'not_found', 'rejected', 'platform_auth', 'configuration']);

/**
 * Whether calling again with the same sequenceId may yet give another answer. A 409 is final unless
 * it is the in-flight one: the other 409s are a sequenceId reused for a different request (never
 * retried: it names the field) and the platform's own conflicts (a refusal, stored as the answer).
 */
export function worthAnotherCall(error: unknown): error is KonaplateError {
  if (!(error instanceof KonaplateError)) return false;
  if (error instanceof KonaplateConflict) return error.platformCode === undefined && !error.field && IN_FLIGHT.test(error.message);
  if (error instanceof KonaplateNetworkError) return true;
  const kind = ERROR_CLASSES[error.type] ? error.kind : undefined;
  if (kind !== undefined) return !FINAL_KINDS.has(kind);
  // Not the gateway's answer: throttling and 5xx of API Gateway or Lambda, or the function failing
  // (its timeout, a crash), may pass; a 4xx (the signature, a wrong function name) will not.
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

interface MoneyAnswer {
  outcome?: unknown;
}

/**
 * Calls `attempt` (one money request, always the same body) until its answer is COMPLETED, and
 * returns it; throws a final refusal as it came, or, at the deadline or an abort, a
 * KonaplateOutcomeUnknown carrying the request's key.
 */
export async function untilFinal<A extends MoneyAnswer>(
  operationId: string,
  { name: keyName, value: key }: { name: MoneyKeyName; value: string },
  attempt: (options: { signal?: AbortSignal; timeoutMs?: number }) => Promise<A>,
  options: MoneyOptions & { defaultTimeoutMs: number },
): Promise<A & { outcome: 'COMPLETED' }> {
  const deadline = options.deadline === undefined ? Date.now() + DEFAULT_MONEY_DEADLINE_MS : Number(options.deadline);
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const unknown = (why: string, cause: unknown) =>
    cause instanceof KonaplateOutcomeUnknown && cause[keyName] === key
      ? cause
      : new KonaplateOutcomeUnknown(`${operationId} ${key}: ${why}; call again with the same ${keyName}`, { [keyName]: key, cause });
  if (deadline <= Date.now()) throw new RangeError(`${operationId}: the deadline has already passed; nothing was sent`);
  let last: 'pending' | KonaplateError | undefined;
  for (let n = 1; ; n += 1) {
    const left = deadline - Date.now();
    try {
      const answer = await attempt({ signal: options.signal, timeoutMs: Math.max(1, Math.min(options.attemptTimeoutMs ?? options.defaultTimeoutMs, left)) });
      if (answer.outcome === 'COMPLETED') return answer as A & { outcome: 'COMPLETED' };
      last = 'pending';
    } catch (error) {
      if (options.signal?.aborted) throw unknown('stopped by the caller before a final answer', options.signal.reason);
      if (!worthAnotherCall(error)) throw error;
      last = error;
    }
    const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (n - 1));
    const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    if (Date.now() + delayMs + MIN_ATTEMPT_MS > deadline) {
      throw unknown(last === 'pending' ? 'still PENDING at the deadline' : `no final answer by the deadline (last: ${last.type} ${last.message})`, last === 'pending' ? undefined : last);
    }
    options.onRetry?.({ key, keyName, [keyName]: key, attempt: n + 1, delayMs, reason: last });
    try {
      await sleep(delayMs, options.signal);
    } catch (reason) {
      throw unknown('stopped by the caller before a final answer', reason);
    }
  }
}
