/**
 * The ledger of money requests the gateway has sent, keyed by operation and sequenceId, so that a
 * caller's retry (Step Functions, Lambda async retry, a double click) never becomes a second charge.
 * A record is claimed with a conditional write before anything is sent: of concurrent duplicates
 * exactly one claims it; the others read what happened (or that it is still in flight).
 */

/**
 * IN_FLIGHT: a container owns it until `leaseUntil` (its deadline); UNKNOWN: sent, outcome not known;
 * PENDING: the platform accepted it as pending; DONE: final answer stored in `result`.
 */
export type LedgerState = 'IN_FLIGHT' | 'UNKNOWN' | 'PENDING' | 'DONE';

export interface LedgerRecord {
  id: string;
  state: LedgerState;
  /** Hash of the request: a sequenceId reused for another request is refused. */
  requestHash: string;
  /** Who holds the record now; only the owner may finish or release it. */
  owner: string;
  leaseUntil: number;
  /** When the request was first sent (epoch ms), 0 before it was. */
  sentAt: number;
  /** JSON of the stored answer (DONE, PENDING). */
  result?: string;
}

export type Claim = { claimed: true; record: LedgerRecord } | { claimed: false; record: LedgerRecord };

export interface Ledger {
  /** Creates the record as IN_FLIGHT for `owner` unless it exists; returns the existing one otherwise. */
  claim(record: Omit<LedgerRecord, 'state' | 'sentAt'>): Promise<Claim>;
  /** Marks the request as sent (before the bytes go out: from then on it may have happened). */
  markSent(id: string, owner: string, sentAt: number): Promise<void>;
  /** Takes over an UNKNOWN or PENDING record, or an IN_FLIGHT one whose lease ran out; false if another did first. */
  takeOver(id: string, owner: string, leaseUntil: number, now: number): Promise<LedgerRecord | undefined>;
  /** Stores the state reached by the owner. */
  finish(id: string, owner: string, state: Exclude<LedgerState, 'IN_FLIGHT'>, result?: string): Promise<void>;
  /** Forgets a record whose request surely never reached the platform. */
  release(id: string, owner: string): Promise<void>;
}

/** One container's memory: for tests and local runs only (Lambda containers do not share it). */
export class MemoryLedger implements Ledger {
  readonly records = new Map<string, LedgerRecord>();

  async claim(record: Omit<LedgerRecord, 'state' | 'sentAt'>): Promise<Claim> {
    const existing = this.records.get(record.id);
    if (existing) return { claimed: false, record: { ...existing } };
    const created: LedgerRecord = { ...record, state: 'IN_FLIGHT', sentAt: 0 };
    this.records.set(record.id, created);
    return { claimed: true, record: { ...created } };
  }

  async markSent(id: string, owner: string, sentAt: number): Promise<void> {
    const record = this.owned(id, owner);
    if (record && record.sentAt === 0) record.sentAt = sentAt;
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

  async finish(id: string, owner: string, state: Exclude<LedgerState, 'IN_FLIGHT'>, result?: string): Promise<void> {
    const record = this.owned(id, owner);
    if (!record) return;
    record.state = state;
    if (result !== undefined) record.result = result;
  }

  async release(id: string, owner: string): Promise<void> {
    if (this.owned(id, owner)) this.records.delete(id);
  }

  private owned(id: string, owner: string): LedgerRecord | undefined {
    const record = this.records.get(id);
    return record && record.owner === owner ? record : undefined;
  }
}
