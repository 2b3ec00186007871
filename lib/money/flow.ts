/**
 * A money operation (charge, cancel) made safe to retry: claimed in the ledger (./ledger.ts) by
 * sequenceId before anything is sent, sent at most once, its outcome asked of the platform when
 * the answer is lost, and every later call with the same sequenceId answered from the ledger or
 * by asking the platform again, never by sending again.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { GatewayOperation } from '../catalog/types';
import { GatewayError, type ErrorDetails, type ErrorKind } from '../errors';
import { logger } from '../log';
import { countMetric } from '../metrics';
import { stringifyJson } from '../protocol/json';
import type { CallResult } from '../upstream/call';
import { callWithPolicy, type PolicyContext } from '../upstream/policy';
import type { Ledger, LedgerRecord } from './ledger';
import { askOutcome, type Outcome } from './outcome';

type MoneyOperation = GatewayOperation<'money'>;

export interface MoneyContext extends PolicyContext {
  ledger: Ledger;
  /** After this long since a request was sent, the platform not knowing its sequenceId proves it never arrived. */
  settleMs: number;
  /** How long a claim holds beyond the deadline, for a container that dies mid-call. */
  leaseMarginMs?: number;
}

type Stored =
  | { ok: true; data: Record<string, unknown>; correlationId: string; status: number }
  | { ok: false; kind: ErrorKind; message: string; details: ErrorDetails };

/** Share of the deadline kept for the outcome inquiry after a lost answer, capped. */
const INQUIRY_RESERVE_SHARE = 0.4;
const INQUIRY_RESERVE_MAX_MS = 4000;

function pendingOf(data: Record<string, unknown>): boolean {
  return data.isPending === true;
}

/** The answer of a money call: the platform's fields plus where the money stands. */
function moneyResult(data: Record<string, unknown>, sequenceId: string, correlationId: string): CallResult {
  const pending = pendingOf(data);
  return {
    data: { ...data, sequenceId, outcome: pending ? 'PENDING' : 'COMPLETED' },
    correlationId,
    status: pending ? 202 : 200,
  };
}

function replay(stored: Stored): CallResult {
  if (stored.ok) return { data: stored.data, correlationId: stored.correlationId, status: stored.status };
  throw new GatewayError(stored.kind, stored.message, stored.details, { delivery: 'refused' });
}

function storeText(value: CallResult | GatewayError): string {
  const stored: Stored = value instanceof GatewayError
    ? { ok: false, kind: value.kind, message: value.message, details: value.details }
    : { ok: true, data: value.data, correlationId: value.correlationId, status: value.status ?? 200 };
  return stringifyJson(stored);
}

function outcomeUnknown(op: MoneyOperation, sequenceId: string, why: string): GatewayError {
  return new GatewayError('outcome_unknown', `${op.id} ${sequenceId}: outcome not known yet (${why}); call again with the same sequenceId`, { sequenceId }, { delivery: 'maybe-sent' });
}

function didNotHappen(op: MoneyOperation, sequenceId: string, outcome: 'FAILED' | 'NOT_FOUND'): GatewayError {
  const why = outcome === 'FAILED' ? 'the platform reports it FAILED' : 'the platform has no record of it';
  return new GatewayError('rejected', `${op.id} ${sequenceId} did not take effect: ${why}`, { sequenceId }, { delivery: 'refused' });
}

/** Turns an outcome into the answer, stores it, and returns or throws it. */
async function settle(op: MoneyOperation, sequenceId: string, outcome: Outcome, ctx: MoneyContext, owner: string, known?: CallResult): Promise<CallResult> {
  const id = ledgerId(op, sequenceId);
  if (outcome === 'COMPLETED') {
    const result = moneyResult({ ...(known?.data ?? {}), isPending: false }, sequenceId, known?.correlationId ?? '');
    await ctx.ledger.finish(id, owner, 'DONE', storeText(result));
    return result;
  }
  if (outcome === 'FAILED' || outcome === 'NOT_FOUND') {
    const error = didNotHappen(op, sequenceId, outcome);
    await ctx.ledger.finish(id, owner, 'DONE', storeText(error));
    throw error;
  }
  if (outcome === 'PENDING') {
    const result = moneyResult({ ...(known?.data ?? {}), isPending: true }, sequenceId, known?.correlationId ?? '');
    await ctx.ledger.finish(id, owner, 'PENDING', storeText(result));
    return result;
  }
  await ctx.ledger.finish(id, owner, 'UNKNOWN');
  throw outcomeUnknown(op, sequenceId, 'the platform has not confirmed it');
}

function isDuplicateSequenceId(op: MoneyOperation, error: GatewayError): boolean {
  const code = error.details.platformCode;
  return code !== undefined && op.resultCodes.some((row) => row.code === code && row.duplicateSequenceId === true);
}

const ledgerId = (op: MoneyOperation, sequenceId: string) => `${op.id}#${sequenceId}`;

/** A claim outlives the call's deadline a little, for a container that dies mid-call. */
const leaseUntil = (ctx: MoneyContext) => ctx.deadline + (ctx.leaseMarginMs ?? 5000);

/** Keys sorted at every level, so the same request in another key order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function requestHash(input: unknown): string {
  return createHash('sha256').update(stringifyJson(canonical(input))).digest('base64url');
}

/** A later call with a sequenceId already in the ledger: never sent again. */
async function answerExisting(op: MoneyOperation, sequenceId: string, record: LedgerRecord, ctx: MoneyContext, owner: string): Promise<CallResult> {
  countMetric('LedgerReplays');
  if (record.state === 'DONE' && record.result) {
    // Only ids and the state: the request's fields stay out of the logs.
    logger.info('answered from the ledger', { operation: op.id, sequenceId, state: record.state });
    return replay(JSON.parse(record.result) as Stored);
  }
  const previous = await ctx.ledger.takeOver(ledgerId(op, sequenceId), owner, leaseUntil(ctx), Date.now());
  if (!previous) {
    throw new GatewayError('conflict', `${op.id} ${sequenceId} is being processed by another call; ask again shortly`, { sequenceId }, { delivery: 'refused' });
  }
  const known = previous.result ? (JSON.parse(previous.result) as Stored) : undefined;
  const settled = previous.sentAt > 0 && Date.now() - previous.sentAt >= ctx.settleMs;
  // An IN_FLIGHT record whose lease ran out and that was never marked sent: it never left.
  const neverSent = previous.sentAt === 0;
  const outcome = neverSent ? 'NOT_FOUND' : await askOutcome(op.outcomeInquiry, sequenceId, ctx, settled);
  logger.info('money request asked again', { operation: op.id, sequenceId, previousState: previous.state, outcome });
  return settle(op, sequenceId, outcome, ctx, owner, known?.ok ? replay(known) : undefined);
}

export async function callMoneyOperation(op: MoneyOperation, input: Record<string, unknown>, ctx: MoneyContext): Promise<CallResult> {
  const sequenceId = String(input.sequenceId);
  const id = ledgerId(op, sequenceId);
  const owner = randomUUID();
  const hash = requestHash(input);
  const claim = await ctx.ledger.claim({ id, requestHash: hash, owner, leaseUntil: leaseUntil(ctx) });
  if (!claim.claimed) {
    if (claim.record.requestHash !== hash) {
      throw new GatewayError('conflict', `sequenceId ${sequenceId} was already used for a different ${op.id} request`, { field: 'sequenceId', rule: 'unique per request', sequenceId }, { delivery: 'refused' });
    }
    return answerExisting(op, sequenceId, claim.record, ctx, owner);
  }

  await ctx.ledger.markSent(id, owner, Date.now());
  let answer: CallResult;
  try {
    // Part of the time is kept back: if the answer is lost, there must be time left to ask what happened.
    const reserve = Math.min(INQUIRY_RESERVE_MAX_MS, Math.floor((ctx.deadline - Date.now()) * INQUIRY_RESERVE_SHARE));
    answer = await callWithPolicy(op, input, { ...ctx, deadline: ctx.deadline - reserve });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.delivery === 'refused' && isDuplicateSequenceId(op, error)) {
      // The platform has seen this sequenceId before (another deployment, a lost ledger): what happened to it is the answer.
      logger.warn('platform already knows this sequenceId; asking what became of it', { operation: op.id, sequenceId });
      return settle(op, sequenceId, await askOutcome(op.outcomeInquiry, sequenceId, ctx, true), ctx, owner);
    }
    if (error.delivery === 'refused') {
      const refusal = new GatewayError(error.kind, error.message, { ...error.details, sequenceId }, { cause: error, delivery: 'refused' });
      await ctx.ledger.finish(id, owner, 'DONE', storeText(refusal));
      throw refusal;
    }
    if (error.delivery === 'not-sent' || error.delivery === undefined) {
      // Nothing reached the platform (or we failed before sending): the caller may simply try again.
      await ctx.ledger.release(id, owner);
      throw error;
    }
    logger.warn('money request outcome unknown; asking the platform', { operation: op.id, sequenceId, after: error.kind });
    const outcome = await askOutcome(op.outcomeInquiry, sequenceId, ctx, false);
    return settle(op, sequenceId, outcome, ctx, owner);
  }
  const result = moneyResult(answer.data, sequenceId, answer.correlationId);
  await ctx.ledger.finish(id, owner, result.status === 202 ? 'PENDING' : 'DONE', storeText(result));
  return result;
}
