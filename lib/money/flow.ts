/**
 * A money operation (charge, cancel, payment, payment cancel, refund) made safe to retry: claimed
 * in the ledger (./ledger.ts) by its key (`money.key`: sequenceId, transactionId, or the payment a
 * cancel reverses) before anything is sent, sent at most once, its outcome learned from the platform
 * when the answer is lost (./outcome.ts), and every later call with the same key answered from the
 * ledger or by learning the outcome again, never by sending again. The sweeper (lib/reconciler/)
 * settles the records callers left open through the same `reopen`.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { GatewayOperation } from '../catalog/types';
import { GatewayError, type ErrorDetails, type ErrorKind } from '../errors';
import { logger } from '../log';
import { maskTail } from '../mask';
import { countMetric } from '../metrics';
import { parseJson, stringifyJson } from '../protocol/json';
import type { CallResult } from '../upstream/call';
import { callWithPolicy } from '../upstream/policy';
import { ledgerIdOf, splitLedgerId, type Ledger, type LedgerRecord } from './ledger';
import { learnOutcome, rowsSeenBefore, SEEN_BEFORE, type Learned, type OutcomeContext, type Sought } from './outcome';

type MoneyOperation = GatewayOperation<'money'>;

/** A request's final outcome, as settled: what the sweeper turns into the platform event a callback would have been. */
export interface Settlement {
  op: MoneyOperation;
  key: string;
  facts: Readonly<Record<string, unknown>>;
  /** COMPLETED: it happened. FAILED: it did not (the platform says FAILED, or has no record of it once that is certain). */
  outcome: 'COMPLETED' | 'FAILED';
  /** The answer's fields: what the platform answered, or what its history showed. */
  data: Readonly<Record<string, unknown>>;
  /** KRW moved, when known (the request's amount, or the history row's). */
  amount?: number;
  /** When the platform says it happened (epoch ms), when it says so. */
  occurredAt?: number;
}

export interface MoneyContext extends OutcomeContext {
  ledger: Ledger;
  /** How long a claim holds beyond the deadline, for a container that dies mid-call. */
  leaseMarginMs?: number;
  /**
   * Runs with a final settlement before it is stored: the sweeper publishes the settled event there,
   * so a failed publish leaves the record open (swept again after its lease), never settled unsaid.
   */
  beforeFinal?: (settlement: Settlement) => Promise<void>;
}

type Stored =
  | { ok: true; data: Record<string, unknown>; correlationId: string; status: number }
  | { ok: false; kind: ErrorKind; message: string; details: ErrorDetails };

/** Share of the deadline kept for learning the outcome after a lost answer, capped. */
const INQUIRY_RESERVE_SHARE = 0.4;
const INQUIRY_RESERVE_MAX_MS = 4000;

const keyField = (op: MoneyOperation) => op.money.key;
/** The request's key in an error's details, under its own name (sequenceId, transactionId, nrNumber). */
const keyDetails = (op: MoneyOperation, key: string) => ({ [keyField(op)]: key }) as ErrorDetails;

/** Only an operation whose result inquiry can answer PENDING (a bank-account charge) has an answer that can pend. */
const canPend = (op: MoneyOperation) => op.money.outcome.by === 'inquiry';

/** The answer of a money call: the platform's fields plus the request's key and where the money stands. */
function moneyResult(op: MoneyOperation, data: Record<string, unknown>, key: string, correlationId: string): CallResult {
  const pending = data.isPending === true;
  return {
    data: { ...data, [keyField(op)]: key, outcome: pending ? 'PENDING' : 'COMPLETED' },
    correlationId,
    status: pending ? 202 : 200,
  };
}

function replay(stored: Stored): CallResult {
  if (stored.ok) return { data: stored.data, correlationId: stored.correlationId, status: stored.status };
  throw new GatewayError(stored.kind, stored.message, stored.details, { delivery: 'refused' });
}

/** The stored form of an answer: a card number in it keeps its last 4 digits only (the ledger holds none). */
function storeText(value: CallResult | GatewayError): string {
  const stored: Stored = value instanceof GatewayError
    ? { ok: false, kind: value.kind, message: value.message, details: value.details }
    : { ok: true, data: withMaskedCardNumber(value.data), correlationId: value.correlationId, status: value.status ?? 200 };
  return stringifyJson(stored);
}

function withMaskedCardNumber(data: Record<string, unknown>): Record<string, unknown> {
  return typeof data.cardNo === 'string' ? { ...data, cardNo: maskTail(data.cardNo) } : data;
}

function outcomeUnknown(op: MoneyOperation, key: string, why: string): GatewayError {
  return new GatewayError('outcome_unknown', `${op.id} ${key}: outcome not known yet (${why}); call again with the same ${keyField(op)}`, keyDetails(op, key), { delivery: 'maybe-sent' });
}

function didNotHappen(op: MoneyOperation, key: string, outcome: 'FAILED' | 'NOT_FOUND'): GatewayError {
  const why = outcome === 'FAILED' ? 'the platform reports it FAILED' : 'the platform has no record of it';
  return new GatewayError('rejected', `${op.id} ${key} did not take effect: ${why}`, keyDetails(op, key), { delivery: 'refused' });
}

/** The amount a settlement moved: the history row's, else the request's own. */
function amountOf(op: MoneyOperation, sought: Sought, learned: Learned): number | undefined {
  if (learned.amount !== undefined) return learned.amount;
  const field = op.money.outcome.by === 'history' ? op.money.outcome.match.amountField : 'amount';
  const value = field === undefined ? undefined : Number(sought.facts[field]);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Turns an outcome into the answer, stores it, and returns or throws it. */
async function settle(op: MoneyOperation, sought: Sought, learned: Learned, ctx: MoneyContext, owner: string, known?: CallResult): Promise<CallResult> {
  const { key } = sought;
  const id = ledgerIdOf(op.id, key);
  const final = async (outcome: Settlement['outcome'], data: Record<string, unknown>) => {
    await ctx.beforeFinal?.({
      op, key, facts: sought.facts, outcome, data, ...optional('amount', amountOf(op, sought, learned)), ...optional('occurredAt', learned.occurredAt),
    });
  };
  switch (learned.outcome) {
    case 'COMPLETED': {
      const data = { ...(known?.data ?? {}), ...learned.fields, ...(canPend(op) ? { isPending: false } : {}) };
      const result = moneyResult(op, data, key, known?.correlationId ?? '');
      await final('COMPLETED', result.data);
      await finishDone(op, sought, ctx, owner, storeText(result));
      return result;
    }
    case 'FAILED':
    case 'NOT_FOUND': {
      const error = didNotHappen(op, key, learned.outcome);
      await final('FAILED', {});
      await finishDone(op, sought, ctx, owner, storeText(error));
      throw error;
    }
    case 'PENDING': {
      const result = moneyResult(op, { ...(known?.data ?? {}), isPending: true }, key, known?.correlationId ?? '');
      await ctx.ledger.finish(id, owner, 'PENDING', storeText(result));
      return result;
    }
    default:
      await ctx.ledger.finish(id, owner, 'UNKNOWN');
      throw outcomeUnknown(op, key, learned.ambiguous ? 'more than one transaction of the card could be it' : 'the platform has not confirmed it');
  }
}

const optional = <K extends string, V>(name: K, value: V | undefined) => (value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;

function isDuplicateKey(op: MoneyOperation, error: GatewayError): boolean {
  const code = error.details.platformCode;
  return code !== undefined && op.resultCodes.some((row) => row.code === code && row.duplicateKey === true);
}

/**
 * The lock of the requests one history row could pass for: the same card, type and amount (a refund
 * names no amount: every refund of the card). Operations learned by an inquiry need none: the
 * platform answers by their key.
 */
function cardLockOf(op: MoneyOperation, facts: Readonly<Record<string, unknown>>): string | undefined {
  const source = op.money.outcome;
  if (source.by !== 'history') return undefined;
  const amount = source.match.amountField === undefined ? '*' : String(facts[source.match.amountField]);
  return `lock#${source.match.trType}${source.match.authCancelType}#${String(facts.par)}#${amount}`;
}

/** The record is DONE: stored with its answer, and the card's lock let go (a crash in between leaves a lock the next request hands over). */
async function finishDone(op: MoneyOperation, sought: Pick<Sought, 'key' | 'facts'>, ctx: MoneyContext, owner: string, text: string): Promise<void> {
  const id = ledgerIdOf(op.id, sought.key);
  // Taken over meanwhile (our lease ran out): the record, and so its lock, is the new owner's.
  if (!(await ctx.ledger.finish(id, owner, 'DONE', text))) return;
  const lock = cardLockOf(op, sought.facts);
  if (lock) await ctx.ledger.letGo(lock, id);
}

/** Nothing was sent: the record is forgotten and the card's lock let go. */
async function releaseClaim(op: MoneyOperation, sought: Pick<Sought, 'key' | 'facts'>, ctx: MoneyContext, owner: string): Promise<void> {
  const id = ledgerIdOf(op.id, sought.key);
  await ctx.ledger.release(id, owner);
  const lock = cardLockOf(op, sought.facts);
  if (lock) await ctx.ledger.letGo(lock, id);
}

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

/** The request fields the ledger keeps of it (`money.keep`). */
function factsOf(op: MoneyOperation, input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(op.money.keep.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
}

/** What goes to the platform: the request without the fields only the gateway reads (`money.gatewayOnly`). */
export function platformRequest(op: { money?: { gatewayOnly?: readonly string[] } }, input: Record<string, unknown>): Record<string, unknown> {
  const gatewayOnly = op.money?.gatewayOnly;
  if (!gatewayOnly || gatewayOnly.length === 0) return input;
  return Object.fromEntries(Object.entries(input).filter(([field]) => !gatewayOnly.includes(field)));
}

/**
 * Takes over a record left UNKNOWN or PENDING, or IN_FLIGHT past its lease, learns what the
 * platform says of it and settles it: the one way a record is settled after its first call, by a
 * caller's retry and by the sweeper alike. 409 while another call holds it.
 */
export async function reopen(op: MoneyOperation, key: string, ctx: MoneyContext, owner: string = randomUUID()): Promise<CallResult> {
  const previous = await ctx.ledger.takeOver(ledgerIdOf(op.id, key), owner, leaseUntil(ctx), Date.now());
  if (!previous) {
    throw new GatewayError('conflict', `${op.id} ${key} is being processed by another call; ask again shortly`, keyDetails(op, key), { delivery: 'refused' });
  }
  return settleTaken(op, key, previous, ctx, owner);
}

async function settleTaken(op: MoneyOperation, key: string, previous: LedgerRecord, ctx: MoneyContext, owner: string): Promise<CallResult> {
  const known = previous.result ? (JSON.parse(previous.result) as Stored) : undefined;
  const facts = previous.facts ? (parseJson(previous.facts) as Record<string, unknown>) : {};
  const sought: Sought = { key, facts, sentAt: previous.sentAt };
  const settled = previous.sentAt > 0 && Date.now() - previous.sentAt >= ctx.settleMs;
  // An IN_FLIGHT record whose lease ran out and that was never marked sent: it never left.
  const learned: Learned = previous.sentAt === 0 ? { outcome: 'NOT_FOUND' } : await learnOutcome(op, sought, ctx, settled);
  logger.info('money request asked again', { operation: op.id, [keyField(op)]: key, previousState: previous.state, outcome: learned.outcome });
  return settle(op, sought, learned, ctx, owner, known?.ok ? replay(known) : undefined);
}

/** A later call with a key already in the ledger: never sent again. */
async function answerExisting(op: MoneyOperation, key: string, record: LedgerRecord, ctx: MoneyContext, owner: string): Promise<CallResult> {
  countMetric('LedgerReplays');
  if (record.state === 'DONE' && record.result) {
    // Only ids and the state: the request's fields stay out of the logs.
    logger.info('answered from the ledger', { operation: op.id, [keyField(op)]: key, state: record.state });
    return replay(JSON.parse(record.result) as Stored);
  }
  return reopen(op, key, ctx, owner);
}

export async function callMoneyOperation(op: MoneyOperation, input: Record<string, unknown>, ctx: MoneyContext): Promise<CallResult> {
  const field = keyField(op);
  const key = String(input[field]);
  const id = ledgerIdOf(op.id, key);
  const owner = randomUUID();
  const hash = requestHash(input);
  let facts = factsOf(op, input);
  const claim = await ctx.ledger.claim({ id, requestHash: hash, owner, leaseUntil: leaseUntil(ctx), facts: stringifyJson(facts) });
  if (!claim.claimed) {
    if (claim.record.requestHash !== hash) {
      throw new GatewayError('conflict', `${field} ${key} was already used for a different ${op.id} request`, { field, rule: 'unique per request', ...keyDetails(op, key) }, { delivery: 'refused' });
    }
    return answerExisting(op, key, claim.record, ctx, owner);
  }

  if (op.money.outcome.by === 'history') {
    await holdCardLock(op, key, facts, ctx, owner);
    facts = { ...facts, [SEEN_BEFORE]: await seenBeforeSending(op, key, facts, ctx, owner) };
  }
  const sentAt = Date.now();
  if (!(await ctx.ledger.markSent(id, owner, sentAt, op.money.outcome.by === 'history' ? stringifyJson(facts) : undefined))) {
    // Our lease ran out before we sent, and another call took the record over (and may have settled it
    // as never sent): sending now could do what it already declared undone.
    throw new GatewayError('conflict', `${op.id} ${key} is being processed by another call; ask again shortly`, keyDetails(op, key), { delivery: 'refused' });
  }
  const sought: Sought = { key, facts, sentAt };
  let answer: CallResult;
  try {
    // Part of the time is kept back: if the answer is lost, there must be time left to learn what happened.
    const reserve = Math.min(INQUIRY_RESERVE_MAX_MS, Math.floor((ctx.deadline - Date.now()) * INQUIRY_RESERVE_SHARE));
    answer = await callWithPolicy(op, platformRequest(op, input), { ...ctx, deadline: ctx.deadline - reserve });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.delivery === 'refused' && isDuplicateKey(op, error)) return answerDuplicate(op, sought, error, ctx, owner);
    if (error.delivery === 'refused') {
      const refusal = new GatewayError(error.kind, error.message, { ...error.details, ...keyDetails(op, key) }, { cause: error, delivery: 'refused' });
      await finishDone(op, sought, ctx, owner, storeText(refusal));
      throw refusal;
    }
    if (error.delivery === 'not-sent' || error.delivery === undefined) {
      // Nothing reached the platform (or we failed before sending): the caller may simply try again.
      await releaseClaim(op, sought, ctx, owner);
      throw error;
    }
    logger.warn('money request outcome unknown; asking the platform', { operation: op.id, [field]: key, after: error.kind });
    return settle(op, sought, await learnOutcome(op, sought, ctx, false), ctx, owner);
  }
  const result = moneyResult(op, answer.data, key, answer.correlationId);
  if (result.status === 202) await ctx.ledger.finish(id, owner, 'PENDING', storeText(result));
  else await finishDone(op, sought, ctx, owner, storeText(result));
  return result;
}

/** At most this much of the time left goes to settling an earlier request that holds the card's lock. */
const EARLIER_SETTLE_MAX_MS = 2000;

/**
 * Two open requests one history row could pass for (same card, type, amount) could never be told
 * apart: before this one is sent, it must hold the card's lock. An earlier request holding it is
 * settled first when that is possible now (its settle time passed, or its lease ran out unsent);
 * while it cannot be, this one is refused (409, nothing sent) and may be asked again shortly.
 */
async function holdCardLock(op: MoneyOperation, key: string, facts: Record<string, unknown>, ctx: MoneyContext, owner: string): Promise<void> {
  const lock = cardLockOf(op, facts)!;
  const id = ledgerIdOf(op.id, key);
  let holder = id;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    holder = await ctx.ledger.hold(lock, id);
    if (holder === id) return;
    const earlier = await ctx.ledger.read(holder);
    if (!earlier || earlier.state === 'DONE') {
      // A lock its record never let go of (a crash between the two writes).
      if (await ctx.ledger.handOver(lock, holder, id)) return;
      continue;
    }
    const now = Date.now();
    const settleable = earlier.state !== 'IN_FLIGHT' || earlier.leaseUntil < now
      ? earlier.sentAt === 0 || now - earlier.sentAt >= ctx.settleMs
      : false;
    if (!settleable) break;
    const earlierKey = splitLedgerId(holder).key;
    logger.info('settling an earlier request of the card first', { operation: op.id, [keyField(op)]: key, earlier: earlierKey });
    await reopen(op, earlierKey, { ...ctx, beforeFinal: undefined, deadline: Math.min(ctx.deadline, now + EARLIER_SETTLE_MAX_MS) }).catch(() => undefined);
  }
  await ctx.ledger.release(id, owner);
  const earlierKey = splitLedgerId(holder).key;
  throw new GatewayError('conflict', `${op.id} ${key}: an earlier ${op.id} of this card${cardLockOf(op, facts)!.endsWith('#*') ? '' : ' for the same amount'} (${keyField(op)} ${earlierKey}) is not settled yet, and the card's history could not tell the two apart; nothing was sent, ask again shortly`, {
    ...keyDetails(op, key),
  }, { delivery: 'refused' });
}

/** Share of the time left that reading the card's history before sending may take, capped. */
const BASELINE_SHARE = 0.3;
const BASELINE_MAX_MS = 2000;

/**
 * The card's rows that could already pass for the request, read before it is sent (./outcome.ts
 * rowsSeenBefore). Nothing has been sent yet: a failure releases the claim, and a refusal (a par the
 * platform does not know as the member's card) is the caller's 400.
 */
async function seenBeforeSending(op: MoneyOperation, key: string, facts: Record<string, unknown>, ctx: MoneyContext, owner: string): Promise<string[]> {
  const budget = Math.min(BASELINE_MAX_MS, Math.floor((ctx.deadline - Date.now()) * BASELINE_SHARE));
  try {
    return await rowsSeenBefore(op, facts, { ...ctx, deadline: Date.now() + budget });
  } catch (error) {
    await releaseClaim(op, { key, facts }, ctx, owner);
    if (error instanceof GatewayError && error.delivery === 'refused') {
      throw new GatewayError('invalid_request', `par: the platform would not show this card's history (${error.details.platformCode ?? error.kind}), so a lost answer could not be checked; nothing was sent`, {
        field: 'par', rule: 'a card of the project (of the member, when the request names one)', ...optional('platformCode', error.details.platformCode),
      }, { cause: error, delivery: 'not-sent' });
    }
    // Whatever else failed, the money request itself never left: the caller may simply try again.
    if (error instanceof GatewayError) throw new GatewayError(error.kind, `${error.message}; nothing was sent`, error.details, { cause: error, delivery: 'not-sent' });
    throw error;
  }
}

/**
 * The platform already knows this key (another deployment, a lost ledger): what became of that
 * request is the answer. Asked by the key, the inquiry finds it whenever it was made. The history is
 * searched around our own sending only (rows seen before it included: the known request came first),
 * so there an absence proves nothing: unless exactly one row shows it, the refusal stands (409,
 * stored), our request having done nothing.
 */
async function answerDuplicate(op: MoneyOperation, sought: Sought, refusal: GatewayError, ctx: MoneyContext, owner: string): Promise<CallResult> {
  logger.warn('platform already knows this key; learning what became of it', { operation: op.id, [keyField(op)]: sought.key });
  const byInquiry = op.money.outcome.by === 'inquiry';
  // The request the platform knows was made before ours: what was there before we sent may be it.
  const { [SEEN_BEFORE]: _seen, ...facts } = sought.facts;
  const learned = await learnOutcome(op, { ...sought, facts }, ctx, byInquiry);
  if (byInquiry || learned.outcome === 'COMPLETED') return settle(op, sought, learned, ctx, owner);
  const stands = new GatewayError('conflict', `${keyField(op)} ${sought.key} is already known to the platform and was not found among this card's transactions around now: check the card history before using it again`, {
    ...refusal.details, ...keyDetails(op, sought.key),
  }, { cause: refusal, delivery: 'refused' });
  await finishDone(op, sought, ctx, owner, storeText(stands));
  throw stands;
}
