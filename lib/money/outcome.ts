/**
 * What became of a money request whose answer was lost, learned the way its operation says
 * (`money.outcome`, protocol.md §7.2): by asking the result by the request's key (charge, cancel),
 * or by finding the request in the card's transaction history (payment, its cancel, refund). Asked
 * until the platform's word is final or the deadline nears. "No record of it" only proves the
 * request never arrived once the original attempt is long over (`settled`): right after a timeout
 * the request may still be on its way.
 */
import { setTimeout } from 'node:timers/promises';
import type { GatewayOperation, HistoryMatch } from '../catalog/types';
import { GatewayError } from '../errors';
import { logger } from '../log';
import { countMetric } from '../metrics';
import { formatStamp17, parseStamp } from '../protocol/clock';
import { exactInteger } from '../catalog/checks';
import { callWithPolicy, type PolicyContext } from '../upstream/policy';

export type Outcome = 'COMPLETED' | 'FAILED' | 'PENDING' | 'NOT_FOUND' | 'UNKNOWN';

export interface Learned {
  outcome: Outcome;
  /** Answer fields the platform told along: from a matched history row (nrNumber, approvalCode …). */
  fields?: Record<string, unknown>;
  /** The amount the matched history row moved, KRW. */
  amount?: number;
  /** More than one history row could be the request: left UNKNOWN rather than guessed. */
  ambiguous?: true;
  /** When the platform says it happened (a matched history row's approval time), epoch ms. */
  occurredAt?: number;
}

/** The request sought: its key, the facts the ledger kept of it, when it was sent (epoch ms). */
export interface Sought {
  key: string;
  facts: Readonly<Record<string, unknown>>;
  sentAt: number;
}

export interface OutcomeContext extends PolicyContext {
  /** After this long since a request was sent, the platform having no record of it proves it never arrived. */
  settleMs: number;
  /** Asks at most this many times (default: until the deadline nears); the sweeper asks settled records once or twice. */
  maxAsks?: number;
}

const FIRST_POLL_MS = 150;
const MAX_POLL_MS = 1000;
/** Kept from the deadline after the last ask, to store the outcome in the ledger and answer. */
const LEDGER_WRITE_MARGIN_MS = 300;
/**
 * How far the platform's clock may stand from ours: a history row's approval time is the platform's
 * (Korean wall clock), the sent time ours; the platform's own tolerance of X-KM-Tran-Time is the
 * same order (the sandbox: 5 minutes).
 */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Rows asked per history page (the catalog's maximum) and pages read at most per ask. */
const HISTORY_PAGE_SIZE = 100;
const HISTORY_MAX_PAGES = 10;

/**
 * One ask: the platform's final word (`final`), a refusal that asking again will not change (`halt`:
 * what was heard so far stands), or what it said so far before asking again (`next`; undefined = nothing new).
 */
type Step = { final: Learned } | { halt: true } | { next: Outcome | undefined };

export async function learnOutcome(op: GatewayOperation<'money'>, sought: Sought, ctx: OutcomeContext, settled: boolean): Promise<Learned> {
  const source = op.money.outcome;
  const ask = source.by === 'inquiry'
    ? () => askInquiry(source.inquiry, sought.key, ctx, settled)
    : () => searchHistory(source.history, source.match, op.id, sought, ctx, settled);
  let last: Outcome = 'UNKNOWN';
  for (let wait = FIRST_POLL_MS, asked = 0; ; wait = Math.min(MAX_POLL_MS, wait * 2)) {
    const left = ctx.deadline - LEDGER_WRITE_MARGIN_MS - Date.now();
    if (left <= 0 || asked >= (ctx.maxAsks ?? Number.POSITIVE_INFINITY)) return { outcome: last };
    asked += 1;
    const step = await ask();
    if ('final' in step) return step.final;
    if ('halt' in step) return { outcome: last };
    if (step.next !== undefined) last = step.next;
    // A wait that ends at the margin leaves no time to ask again: answer now rather than after it.
    if (ctx.deadline - LEDGER_WRITE_MARGIN_MS - Date.now() <= wait) return { outcome: last };
    await setTimeout(wait);
  }
}

const withinDeadline = (ctx: OutcomeContext): OutcomeContext => ({ ...ctx, deadline: ctx.deadline - LEDGER_WRITE_MARGIN_MS });

/** The result inquiry by the request's key (protocol.md §7.2): COMPLETED, FAILED or PENDING. */
async function askInquiry(inquiry: GatewayOperation<'read'>, key: string, ctx: OutcomeContext, settled: boolean): Promise<Step> {
  try {
    countMetric('OutcomeInquiries');
    const { data } = await callWithPolicy(inquiry, { sequenceId: key }, withinDeadline(ctx));
    const result = String(data.result);
    if (result === 'COMPLETED' || result === 'FAILED') return { final: { outcome: result } };
    return { next: result === 'PENDING' ? 'PENDING' : 'UNKNOWN' };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.kind === 'not_found') return settled ? { final: { outcome: 'NOT_FOUND' } } : { next: undefined };
    if (error.delivery === 'refused') {
      logger.warn('outcome inquiry refused', { key, code: error.details.platformCode });
      return { halt: true };
    }
    return { next: undefined };
  }
}

/** yyyyMMdd of the Korean calendar, as the history's dates are written. */
const koreanDate = (epochMs: number) => formatStamp17(epochMs, 'KST').slice(0, 8);

/** The facts field holding the nrNumbers of the rows that already matched before the request was sent. */
export const SEEN_BEFORE = 'seenBefore';

/**
 * The card's rows of the request's trType and authCancelType (and amount, when the request names
 * one) approved within [from, to] (epoch ms, our clock; the rows' times are the platform's, so the
 * window is already widened by the clock skew), all pages, by ctx's deadline. A refusal (the card
 * unknown, not the member's) is thrown as the platform's GatewayError.
 */
async function matchingRows(history: GatewayOperation<'read'>, match: HistoryMatch, facts: Sought['facts'], from: number, to: number, ctx: PolicyContext): Promise<Array<Record<string, unknown>>> {
  const amount = match.amountField === undefined ? undefined : Number(facts[match.amountField]);
  // The history's own bound of userId is narrower than a member id's: sent only when it fits, as a check that the card is the member's.
  const userId = exactInteger(facts.userId);
  const request: Record<string, unknown> = {
    par: facts.par,
    ...(userId !== undefined && userId <= 999_999_999_999_999n ? { userId } : {}),
    startDate: koreanDate(from),
    endDate: koreanDate(to),
    trType: match.trType,
  };
  const found: Array<Record<string, unknown>> = [];
  for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
    countMetric('OutcomeInquiries');
    const { data } = await callWithPolicy(history, {
      ...request,
      pageRequest: { page, pageSize: HISTORY_PAGE_SIZE, sort: 'approvalDateTime', orderByDirection: 'DESC' },
    }, ctx);
    const rows = Array.isArray(data.transactionInfo) ? (data.transactionInfo as Array<Record<string, unknown>>) : [];
    for (const row of rows) {
      if (row.trType !== match.trType || row.authCancelType !== match.authCancelType) continue;
      if (amount !== undefined && Number(row.trAmount) !== amount) continue;
      const at = parseStamp(String(row.approvalDateTime), 'KST');
      if (at >= from && at <= to) found.push(row);
    }
    const pages = Number((data.pageResponse as { totalPages?: unknown } | undefined)?.totalPages ?? 1);
    if (page + 1 >= pages) break;
  }
  return found;
}

/**
 * Read before a history-learned request is sent: the rows that could already pass for it (the same
 * card, type and amount, within the skew of now). They cannot be it, so a later search leaves them
 * out: an earlier payment of the same amount, an earlier refund, never passes for this one.
 */
export async function rowsSeenBefore(op: GatewayOperation<'money'>, facts: Sought['facts'], ctx: PolicyContext): Promise<string[]> {
  const source = op.money.outcome;
  if (source.by !== 'history') return [];
  const now = Date.now();
  const rows = await matchingRows(source.history, source.match, facts, now - CLOCK_SKEW_MS, now + CLOCK_SKEW_MS, ctx);
  return rows.map((row) => String(row.nrNumber));
}

/**
 * The request in the card's history: rows of its type (and amount) approved within
 * [sent − skew, sent + settle time + skew] that were not there before it was sent. One row: it
 * happened. None once settled: it did not. Two or more: ambiguous, so UNKNOWN, never a guess.
 */
async function searchHistory(
  history: GatewayOperation<'read'>, match: HistoryMatch, operation: string, sought: Sought, ctx: OutcomeContext, settled: boolean,
): Promise<Step> {
  if (typeof sought.facts.par !== 'string') {
    logger.error('money record names no card to search', { operation, key: sought.key });
    return { halt: true };
  }
  const seen = new Set(Array.isArray(sought.facts[SEEN_BEFORE]) ? (sought.facts[SEEN_BEFORE] as unknown[]).map(String) : []);
  let candidates: Array<Record<string, unknown>>;
  try {
    const rows = await matchingRows(history, match, sought.facts, sought.sentAt - CLOCK_SKEW_MS, sought.sentAt + ctx.settleMs + CLOCK_SKEW_MS, withinDeadline(ctx));
    candidates = rows.filter((row) => !seen.has(String(row.nrNumber)));
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.delivery === 'refused') {
      // A refused search (the card unknown, not the member's) says nothing of the request: never "did not happen".
      logger.warn('history search refused', { operation, key: sought.key, code: error.details.platformCode });
      return { halt: true };
    }
    return { next: undefined };
  }
  if (candidates.length === 1) {
    const row = candidates[0]!;
    const fields = Object.fromEntries(Object.entries(match.answerFields).filter(([, from]) => row[from] !== undefined).map(([to, from]) => [to, row[from]]));
    return { final: { outcome: 'COMPLETED', fields, amount: Number(row.trAmount), occurredAt: parseStamp(String(row.approvalDateTime), 'KST') } };
  }
  if (candidates.length > 1) {
    logger.warn('history holds more than one row that could be this request: outcome left unknown', { operation, key: sought.key, candidates: candidates.length });
    return { final: { outcome: 'UNKNOWN', ambiguous: true } };
  }
  return settled ? { final: { outcome: 'NOT_FOUND' } } : { next: 'UNKNOWN' };
}
