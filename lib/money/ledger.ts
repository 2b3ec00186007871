/**
 * The ledger of money requests the gateway has sent, keyed by operation and the request's key
 * (`<op id>#<sequenceId | transactionId | nrNumber>`, the operation's `money.key`), so that a caller's
 * retry (Step Functions, Lambda async retry, a double click) never becomes a second charge or payment.
 * A record is claimed with a conditional write before anything is sent: of concurrent duplicates
 * exactly one claims it; the others read what happened (or that it is still in flight).
 *
 * A record is open until it is DONE: open records are what the sweeper (lib/reconciler/) settles
 * and what `npm run ledger -- open` lists; they never expire.
 */

/**
 * IN_FLIGHT: a container owns it until `leaseUntil` (its deadline); UNKNOWN: sent, outcome not known;
 * PENDING: the platform accepted it as pending; DONE: final answer stored in `result`.
 */
export type LedgerState = 'IN_FLIGHT' | 'UNKNOWN' | 'PENDING' | 'DONE';

export interface LedgerRecord {
  id: string;
  state: LedgerState;
  /** Hash of the request: a key reused for another request is refused. */
  requestHash: string;
  /** Who holds the record now; only the owner may finish or release it. */
  owner: string;
  leaseUntil: number;
  /** When the request was first sent (epoch ms), 0 before it was. */
  sentAt: number;
  /** When the record was claimed (epoch ms): the age of an open record. */
  createdAt: number;
  /**
   * JSON of the request fields the operation keeps (`money.keep`): what a lost outcome is learned by
   * and the settled event names. Never a token, dCVV or card number.
   */
  facts?: string;
  /** JSON of the stored answer (DONE, PENDING). */
  result?: string;
}

/** What a claim writes; `createdAt` defaults to now. */
export type NewRecord = Omit<LedgerRecord, 'state' | 'sentAt' | 'createdAt'> & { createdAt?: number };

/** What the listing of open records gives: enough to judge a record, never its request or answer. */
export type OpenRecord = Pick<LedgerRecord, 'id' | 'state' | 'sentAt' | 'createdAt' | 'leaseUntil'>;

export type Claim = { claimed: true; record: LedgerRecord } | { claimed: false; record: LedgerRecord };

export interface Ledger {
  /** Creates the record as IN_FLIGHT for `owner` unless it exists; returns the existing one otherwise. */
  claim(record: NewRecord): Promise<Claim>;
  /**
   * Marks the request as sent (before the bytes go out: from then on it may have happened), with the
   * facts known by then; false when the record is no longer the owner's: then it must not be sent.
   */
  markSent(id: string, owner: string, sentAt: number, facts?: string): Promise<boolean>;
  /** Takes over an UNKNOWN or PENDING record, or an IN_FLIGHT one whose lease ran out; false if another did first. */
  takeOver(id: string, owner: string, leaseUntil: number, now: number): Promise<LedgerRecord | undefined>;
  /** Stores the state reached by the owner; false when the record was no longer the owner's (taken over after its lease). */
  finish(id: string, owner: string, state: Exclude<LedgerState, 'IN_FLIGHT'>, result?: string): Promise<boolean>;
  /** Forgets a record whose request surely never reached the platform. */
  release(id: string, owner: string): Promise<void>;
  /** Every record not DONE, oldest first. */
  listOpen(): AsyncIterable<OpenRecord>;
  /** The record, read consistently; undefined when there is none. */
  read(id: string): Promise<LedgerRecord | undefined>;
  /**
   * Holds the lock `lockId` for the record `holder` unless another record holds it (an item of its
   * own beside the records, never listed as open); answers the record that holds it now.
   */
  hold(lockId: string, holder: string): Promise<string>;
  /** Hands the lock from a record no longer open to another; false when it changed hands meanwhile. */
  handOver(lockId: string, from: string, to: string): Promise<boolean>;
  /** Lets go of the lock if `holder` holds it. */
  letGo(lockId: string, holder: string): Promise<void>;
}

/** The operation id and the request key of a ledger id (`<op id>#<key>`; an op id holds no `#`). */
export function splitLedgerId(id: string): { operation: string; key: string } {
  const at = id.indexOf('#');
  return at < 0 ? { operation: id, key: '' } : { operation: id.slice(0, at), key: id.slice(at + 1) };
}

export const ledgerIdOf = (operation: string, key: string) => `${operation}#${key}`;

/** One container's memory: for tests and local runs only (Lambda containers do not share it). */
export class MemoryLedger implements Ledger {
  readonly records = new Map<string, LedgerRecord>();

  async claim(record: NewRecord): Promise<Claim> {
    const existing = this.records.get(record.id);
    if (existing) return { claimed: false, record: { ...existing } };
    const created: LedgerRecord = { ...record, state: 'IN_FLIGHT', sentAt: 0, createdAt: record.createdAt ?? Date.now() };
    this.records.set(record.id, created);
    return { claimed: true, record: { ...created } };
  }

  async markSent(id: string, owner: string, sentAt: number, facts?: string): Promise<boolean> {
    const record = this.owned(id, owner);
    if (!record || record.sentAt !== 0) return false;
    record.sentAt = sentAt;
    if (facts !== undefined) record.facts = facts;
    return true;
  }

  async takeOver(id: string, owner: string, leaseUntil: number, now: number): Promise<LedgerRecord | undefined> {
    const record = this.records.get(id);
    if (!record) return undefined;
    const free = record.state === 'UNKNOWN' || record.state === 'PENDING' || (record.state === 'IN_FLIGHT' && record.leaseUntil < now);
    if (!free) return undefined;
    const previous = { ...record };
    Object.assign(record, { state: 'IN_FLIGHT', owner, leaseUntil });
    return previous;
  }

  async finish(id: string, owner: string, state: Exclude<LedgerState, 'IN_FLIGHT'>, result?: string): Promise<boolean> {
    const record = this.owned(id, owner);
    if (!record) return false;
    record.state = state;
    if (result !== undefined) record.result = result;
    return true;
  }

  async release(id: string, owner: string): Promise<void> {
    if (this.owned(id, owner)) this.records.delete(id);
  }

  async *listOpen(): AsyncIterable<OpenRecord> {
    const open = [...this.records.values()].filter((record) => record.state !== 'DONE').sort((a, b) => a.createdAt - b.createdAt);
    for (const { id, state, sentAt, createdAt, leaseUntil } of open) yield { id, state, sentAt, createdAt, leaseUntil };
  }

  async read(id: string): Promise<LedgerRecord | undefined> {
    const record = this.records.get(id);
    return record && { ...record };
  }

  readonly locks = new Map<string, string>();

  async hold(lockId: string, holder: string): Promise<string> {
    const current = this.locks.get(lockId);
    if (current !== undefined) return current;
    this.locks.set(lockId, holder);
    return holder;
  }

  async handOver(lockId: string, from: string, to: string): Promise<boolean> {
    if (this.locks.get(lockId) !== from) return false;
    this.locks.set(lockId, to);
    return true;
  }

  async letGo(lockId: string, holder: string): Promise<void> {
    if (this.locks.get(lockId) === holder) this.locks.delete(lockId);
  }

  private owned(id: string, owner: string): LedgerRecord | undefined {
    const record = this.records.get(id);
    return record && record.owner === owner ? record : undefined;
  }
}
