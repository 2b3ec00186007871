/**
 * The ledger sweeper: every money record left open (UNKNOWN, PENDING, or IN_FLIGHT past its lease)
 * because its caller never came back is settled with what the platform says, through the same
 * `reopen` a caller's retry uses (lib/money/flow.ts: one way to settle), and the settlement is
 * handed on as the platform event a callback would have been (./events.ts) before it is stored,
 * through lib/events' hand-off: once on the bus, whether a callback or a sweep saw it first.
 * What is still open a day after it was claimed is counted for the alarm.
 */
import type { GatewayOperation } from '../catalog/types';
import { GatewayError } from '../errors';
import { logger } from '../log';
import { reopen, type MoneyContext, type Settlement } from '../money/flow';
import { splitLedgerId, type Ledger, type OpenRecord } from '../money/ledger';
import type { PolicyContext } from '../upstream/policy';
import { handOnce, type HandOffDependencies } from '../events';
import { settledEvent } from './events';

export const DAY_MS = 24 * 3600_000;
/** One record's time at most: two asks of the platform and the ledger writes. */
const RECORD_BUDGET_MS = 8000;
/** Below this much time left, no new record is taken. */
const MIN_RECORD_MS = 1500;
/** A record past its settle time gets an answer from the platform at once; a second ask covers a transient failure. */
const ASKS_PER_RECORD = 2;

export interface SweepContext {
  ledger: Ledger;
  /** The money operations by id: what a record's id names. */
  operations: ReadonlyMap<string, GatewayOperation<'money'>>;
  /** The platform call's context without its deadline: base URL, credentials, their store, keys. */
  platform: Omit<PolicyContext, 'deadline'>;
  settleMs: number;
  /** lib/events' hand-off (the events table, the bus, the failure queue): the receiver's. */
  events: HandOffDependencies;
  /** When the sweep must be done (epoch ms): no record is taken after it. */
  deadline: number;
}

export interface SweepReport {
  /** Open records listed. */
  open: number;
  /** Settled by this sweep (COMPLETED or did not happen). */
  settled: number;
  /** Events handed on by this sweep (published, or queued for redrive); one a callback had already handed on is not counted. */
  events: number;
  /** Still open: too recent to settle, in flight, pending, unknown, or not reached before the deadline. */
  stillOpen: number;
  /** Of those, claimed more than a day ago: what the alarm watches. */
  openOverADay: number;
  /** Records whose settling failed on our side (the ledger, the bus): left open, swept again. */
  errors: number;
}

type Verdict = 'settled' | 'open' | 'error';

/** The settlement's event is being handed on by another caller: the record stays open until it is on the bus. */
class EventHandOffPending extends Error {
  override readonly name = 'EventHandOffPending';
  constructor(eventKey: string) {
    super(`event ${eventKey} is being handed on by another caller`);
  }
}

export async function sweep(ctx: SweepContext): Promise<SweepReport> {
  const report: SweepReport = { open: 0, settled: 0, events: 0, stillOpen: 0, openOverADay: 0, errors: 0 };
  for await (const record of ctx.ledger.listOpen()) {
    report.open += 1;
    const verdict = await settleRecord(record, ctx, report);
    if (verdict === 'settled') {
      report.settled += 1;
      continue;
    }
    if (verdict === 'error') report.errors += 1;
    report.stillOpen += 1;
    const age = Date.now() - record.createdAt;
    if (age >= DAY_MS) {
      report.openOverADay += 1;
      // The record's id and state only: its request stays out of the logs.
      logger.warn('money record open for more than a day', { id: record.id, state: record.state, ageHours: Math.floor(age / 3600_000), sentAt: record.sentAt });
    }
  }
  return report;
}

/** Whether the record can be settled now: sent long enough ago for the platform's word to be final, and nobody holding it. */
function ripe(record: OpenRecord, ctx: SweepContext, now: number): boolean {
  if (record.state === 'IN_FLIGHT' && record.leaseUntil >= now) return false;
  return record.sentAt === 0 || now - record.sentAt >= ctx.settleMs;
}

async function settleRecord(record: OpenRecord, ctx: SweepContext, report: SweepReport): Promise<Verdict> {
  const { operation, key } = splitLedgerId(record.id);
  const op = ctx.operations.get(operation);
  const now = Date.now();
  if (!op) {
    logger.error('open money record of an operation the sweeper does not know', { id: record.id });
    return 'error';
  }
  if (!ripe(record, ctx, now) || ctx.deadline - now < MIN_RECORD_MS) return 'open';
  let settled: Settlement | undefined;
  const money: MoneyContext = {
    ...ctx.platform,
    deadline: Math.min(ctx.deadline, now + RECORD_BUDGET_MS),
    ledger: ctx.ledger,
    settleMs: ctx.settleMs,
    maxAsks: ASKS_PER_RECORD,
    beforeFinal: async (settlement) => {
      const event = settledEvent(settlement, Date.now());
      if (event) {
        const handed = await handOnce(event, ctx.events);
        // Someone else (the receiver) holds the key right now: settled only once it is on the bus, a later sweep.
        if (handed === 'in-progress') throw new EventHandOffPending(event.eventKey);
        if (handed !== 'duplicate') report.events += 1;
      }
      settled = settlement;
    },
  };
  try {
    await reopen(op, key, money);
  } catch (error) {
    // A settled "did not happen" is thrown as the caller would get it; so are "still unknown" and "held by another call".
    if (error instanceof EventHandOffPending) return 'open';
    if (!(error instanceof GatewayError)) {
      logger.error('sweeping a money record failed; it stays open', { id: record.id, error });
      return 'error';
    }
  }
  const outcome = (settled as Settlement | undefined)?.outcome;
  if (!outcome) return 'open';
  logger.info('money record settled by the sweeper', { id: record.id, previousState: record.state, outcome });
  return 'settled';
}
