/**
 * The payment books of the sandbox: one-time tokens, the charge ledger keyed by sequenceId (bank-account
 * charges and their cancels, whatever their outcome) and the card transactions the history shows.
 * Money moves on the cards themselves (CardRecord.balance / pendingAmount, records.ts); this book
 * is the only place that moves it for charges, so ledger, transactions and balances stay in step.
 *
 * Pending charges settle lazily: nothing runs in the background; every payment operation (and anyone
 * else who wants balances up to date) calls `settleDue(now)` first, which settles every pending
 * charge whose time has come, at that time.
 */
import { randomInt } from 'node:crypto';
import { koreanDate, koreanDateTime } from './korean-time';
import type { CardRecord } from './records';

export type TokenType = 'ATM' | 'CREDIT';

/** Default token validity (payment, bank-account charge and cancel), protocol.md §6.4. */
export const TOKEN_VALIDITY_MS = 30_000;
/** ATM withdrawal and credit-card recharge tokens. */
export const EXTENDED_TOKEN_VALIDITY_MS = 5 * 60_000;

/** Sandbox-clock delay before a pending charge completes or fails (the platform re-checks every 5 min). */
export const DEFAULT_PENDING_DELAY_MS = 3_000;

/**
 * Charge amounts (KRW) that make the sandbox behave like a misbehaving PG or approval server,
 * the way test card numbers do on real PG sandboxes. Listed in sandbox/README.md.
 */
export const MAGIC_CHARGE_AMOUNTS = {
  /** Answered isPending: true; COMPLETED (card credited) pendingDelayMs later. */
  pendingThenCompleted: 5_005,
  /** Answered isPending: true; FAILED (nothing credited) pendingDelayMs later. */
  pendingThenFailed: 5_004,
  /** Refused at once with the code: 007_002 benefit mismatch, 007_004 PG withdrawal failure, 007_006 auto-charge in progress. */
  refused: { 7_002: '007_002', 7_004: '007_004', 7_006: '007_006' } as Readonly<Record<number, string>>,
} as const;

/** A normal account whose number ends with this is held by someone other than the member: cancel → 007_043. */
export const FOREIGN_HOLDER_ACCOUNT_SUFFIX = '0043';

export interface OneTimeToken {
  oneTimeToken: string;
  dcvv: string;
  /** The card it stands for. */
  par: string;
  userId: bigint;
  aspId: string;
  type?: TokenType;
  issuedAt: number;
  /** Accepted while now < expiresAt (epoch ms, sandbox clock); answered as expiryTime. */
  expiresAt: number;
  usedAt?: number;
  /** sequenceId of the charge or cancel that spent it. */
  usedBy?: string;
}

export type LedgerResult = 'COMPLETED' | 'FAILED' | 'PENDING';

/** How a charge was paid for; shown as rcgType in the history. Only ACCOUNT charges may be cancelled by #26. */
export type ChargeMethod = 'ACCOUNT' | 'AUTO' | 'CREDIT';

interface LedgerBase {
  sequenceId: string;
  aspId: string;
  userId: bigint;
  par: string;
  amount: number;
  /** Platform transaction number, e.g. KMN241125000000001. */
  nrNumber: string;
  result: LedgerResult;
  requestedAt: number;
  /** When it became COMPLETED or FAILED. */
  finishedAt?: number;
  /** The refusal code of a FAILED entry (e.g. 007_004). */
  failureCode?: string;
}

export interface ChargeRecord extends LedgerBase {
  type: 'charge';
  method: ChargeMethod;
  merchantId: string;
  approvalCode: string;
  /** For a PENDING charge: when and how it settles. */
  settlesAt?: number;
  settlesAs?: 'COMPLETED' | 'FAILED';
  /** sequenceId of the cancel that reversed it. */
  cancelledBy?: string;
}

export interface CancelRecord extends LedgerBase {
  type: 'cancel';
  /** nrNumber of the charge it cancels (or tried to). */
  originalNrNumber: string;
  approvalCode: string;
}

export type LedgerEntry = ChargeRecord | CancelRecord;

export type TrType = '00' | '01' | '02' | '03';

/** One row of a card's history (#28): a balance movement that happened. */
export interface TransactionRecord {
  par: string;
  userId: bigint;
  trType: TrType;
  authCancelType: 'AUTH' | 'CANCEL';
  nrNumber: string;
  approvalCode: string;
  amount: number;
  balanceBefore: number;
  balanceAfter: number;
  /** Approval instant, epoch ms (shown as Korean time). */
  at: number;
  merchantName: string;
  rcgType?: string;
  /** The ledger entry behind it, when it is a charge or a cancel. */
  sequenceId?: string;
}

export type TokenCheck =
  | { ok: true; token: OneTimeToken; card: CardRecord }
  | { ok: false; field: 'oneTimeToken' | 'dcvv'; reason: string };

const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');

export class PaymentsBook {
  /** Sandbox-clock delay of pending charges; tests may change it. */
  pendingDelayMs = DEFAULT_PENDING_DELAY_MS;
  private readonly tokens = new Map<string, OneTimeToken>();
  private readonly ledger = new Map<string, LedgerEntry>();
  private readonly byNrNumber = new Map<string, LedgerEntry>();
  private readonly transactionRows: TransactionRecord[] = [];
  private nrSequence = 0;
  /** Told of every pending charge that settled (the callback sender, sandbox/platform/callbacks/); kept across resets. */
  private readonly settledListeners: Array<(charge: ChargeRecord) => void> = [];

  /**
   * `cardOf` finds a card by PAR in the sandbox state (terminated cards included); `successorOf` names
   * the card that replaced one at a reissue or renewal, whose balance (and so charges) it took over.
   */
  constructor(
    private readonly cardOf: (par: string) => CardRecord | undefined,
    private readonly successorOf: (par: string) => string | undefined = () => undefined,
  ) {}

  reset(): void {
    this.pendingDelayMs = DEFAULT_PENDING_DELAY_MS;
    this.tokens.clear();
    this.ledger.clear();
    this.byNrNumber.clear();
    this.transactionRows.length = 0;
    this.nrSequence = 0;
  }

  // ---- one-time tokens ----

  issueToken(card: CardRecord, owner: { userId: bigint; aspId: string }, type: TokenType | undefined, now: number): OneTimeToken {
    for (const [value, token] of this.tokens) if (token.expiresAt < now - 3_600_000) this.tokens.delete(value);
    let oneTimeToken: string;
    do oneTimeToken = digits(16); while (this.tokens.has(oneTimeToken));
    const token: OneTimeToken = {
      oneTimeToken,
      dcvv: digits(3),
      par: card.par,
      userId: owner.userId,
      aspId: owner.aspId,
      ...(type && { type }),
      issuedAt: now,
      expiresAt: now + (type ? EXTENDED_TOKEN_VALIDITY_MS : TOKEN_VALIDITY_MS),
    };
    this.tokens.set(oneTimeToken, token);
    return token;
  }

  token(oneTimeToken: string): OneTimeToken | undefined {
    return this.tokens.get(oneTimeToken);
  }

  /** Whether this member may use the token now: issued for one of their cards, unexpired, unused, dCVV right, card ACTIVE. */
  checkToken(oneTimeToken: string, dcvv: string, owner: { userId: bigint; aspId: string }, now: number): TokenCheck {
    const token = this.tokens.get(oneTimeToken);
    if (!token || token.aspId !== owner.aspId || token.userId !== owner.userId) return { ok: false, field: 'oneTimeToken', reason: 'unknown token' };
    if (token.usedAt !== undefined) return { ok: false, field: 'oneTimeToken', reason: 'token already used' };
    if (now >= token.expiresAt) return { ok: false, field: 'oneTimeToken', reason: 'token expired' };
    if (token.dcvv !== dcvv) return { ok: false, field: 'dcvv', reason: 'dCVV does not match the token' };
    const card = this.cardOf(token.par);
    if (!card || card.status !== 'ACTIVE') return { ok: false, field: 'oneTimeToken', reason: 'card no longer active' };
    return { ok: true, token, card };
  }

  /** A token is single use: spent by the first charge or cancel that presents it validly, whatever the outcome. */
  spendToken(token: OneTimeToken, sequenceId: string, now: number): void {
    token.usedAt = now;
    token.usedBy = sequenceId;
  }

  // ---- the ledger ----

  /** The charge or cancel with that sequenceId (any project). */
  entry(sequenceId: string): LedgerEntry | undefined {
    return this.ledger.get(sequenceId);
  }

  /** The charge with that sequenceId, for fault injection and tests. */
  charge(sequenceId: string): ChargeRecord | undefined {
    const entry = this.ledger.get(sequenceId);
    return entry?.type === 'charge' ? entry : undefined;
  }

  entryByNrNumber(nrNumber: string): LedgerEntry | undefined {
    return this.byNrNumber.get(nrNumber);
  }

  /** Every ledger entry, oldest first. */
  entries(): LedgerEntry[] {
    return [...this.ledger.values()];
  }

  hasSequenceId(sequenceId: string): boolean {
    return this.ledger.has(sequenceId);
  }

  /** The member's charge still waiting for the PG, if any (call settleDue first). */
  pendingChargeOf(userId: bigint, aspId: string): ChargeRecord | undefined {
    for (const entry of this.ledger.values()) {
      if (entry.type === 'charge' && entry.result === 'PENDING' && entry.userId === userId && entry.aspId === aspId) return entry;
    }
    return undefined;
  }

  /** KRW charged to the card (completed or pending, not cancelled) on the Korean day / month of `now`. */
  chargedOn(par: string, now: number): { day: number; month: number } {
    const day = koreanDate(now);
    const totals = { day: 0, month: 0 };
    for (const entry of this.ledger.values()) {
      if (entry.type !== 'charge' || entry.par !== par || entry.result === 'FAILED' || entry.cancelledBy) continue;
      const when = koreanDateTime(entry.requestedAt);
      if (when.slice(0, 6) === day.slice(0, 6)) totals.month += entry.amount;
      if (when.slice(0, 8) === day) totals.day += entry.amount;
    }
    return totals;
  }

  newNrNumber(now: number): string {
    this.nrSequence += 1;
    return `KMN${koreanDate(now).slice(2)}${String(this.nrSequence).padStart(9, '0')}`;
  }

  /**
   * Books a charge that was accepted: COMPLETED credits the card at once; PENDING holds the amount as
   * pendingAmount until settleDue settles it `pendingDelayMs` later as `settlesAs`.
   */
  recordCharge(
    fields: Omit<ChargeRecord, 'type' | 'nrNumber' | 'approvalCode' | 'result' | 'requestedAt' | 'finishedAt' | 'settlesAt'> & { settlesAs?: 'COMPLETED' | 'FAILED' },
    now: number,
  ): ChargeRecord {
    const card = this.requireCard(fields.par);
    const charge: ChargeRecord = {
      ...fields,
      type: 'charge',
      nrNumber: this.newNrNumber(now),
      approvalCode: digits(8),
      result: fields.settlesAs ? 'PENDING' : 'COMPLETED',
      requestedAt: now,
    };
    this.add(charge);
    if (fields.settlesAs) {
      charge.settlesAt = now + this.pendingDelayMs;
      card.pendingAmount += charge.amount;
    } else {
      this.complete(charge, card, now);
    }
    return charge;
  }

  /** Books a charge or cancel refused after its token was spent: FAILED, so an inquiry by sequenceId answers it. */
  recordFailure(
    fields: { type: 'charge'; sequenceId: string; aspId: string; userId: bigint; par: string; amount: number; merchantId: string; method: ChargeMethod }
      | { type: 'cancel'; sequenceId: string; aspId: string; userId: bigint; par: string; amount: number; originalNrNumber: string },
    failureCode: string,
    now: number,
  ): LedgerEntry {
    const common = { nrNumber: this.newNrNumber(now), approvalCode: digits(8), result: 'FAILED' as const, requestedAt: now, finishedAt: now, failureCode };
    const entry: LedgerEntry = fields.type === 'charge' ? { ...fields, ...common } : { ...fields, ...common };
    this.add(entry);
    return entry;
  }

  /** The PAR that holds a charge's money now: the charged card, or the card that replaced it. */
  currentPar(par: string): string {
    const seen = new Set([par]);
    for (let next = this.successorOf(par); next !== undefined && !seen.has(next); next = this.successorOf(next)) {
      seen.add(next);
      par = next;
    }
    return par;
  }

  /** Reverses a COMPLETED, uncancelled charge the card can still pay back; the caller checked that. */
  recordCancel(fields: { sequenceId: string; aspId: string; userId: bigint }, charge: ChargeRecord, now: number): CancelRecord {
    const par = this.currentPar(charge.par);
    const card = this.requireCard(par);
    if (charge.result !== 'COMPLETED' || charge.cancelledBy || card.balance < charge.amount) throw new Error(`charge ${charge.sequenceId} is not cancellable`);
    const cancel: CancelRecord = {
      ...fields,
      type: 'cancel',
      par,
      amount: charge.amount,
      nrNumber: this.newNrNumber(now),
      originalNrNumber: charge.nrNumber,
      approvalCode: digits(8),
      result: 'COMPLETED',
      requestedAt: now,
      finishedAt: now,
    };
    this.add(cancel);
    charge.cancelledBy = cancel.sequenceId;
    const balanceBefore = card.balance;
    card.balance -= charge.amount;
    this.recordTransaction({
      par,
      userId: charge.userId,
      trType: '01',
      authCancelType: 'CANCEL',
      nrNumber: cancel.nrNumber,
      approvalCode: cancel.approvalCode,
      amount: charge.amount,
      balanceBefore,
      balanceAfter: card.balance,
      at: now,
      merchantName: chargeMerchantName(charge.method),
      rcgType: charge.method,
      sequenceId: cancel.sequenceId,
    });
    return cancel;
  }

  /** Whether the charge can be cancelled now (and so its rechargeCancelable amount). */
  cancellable(charge: ChargeRecord): boolean {
    const card = this.cardOf(this.currentPar(charge.par));
    return charge.result === 'COMPLETED' && !charge.cancelledBy && card !== undefined && card.balance >= charge.amount;
  }

  /** Settles every pending charge whose time has come, at that time, oldest first. */
  settleDue(now: number): void {
    for (const entry of this.ledger.values()) {
      if (entry.type !== 'charge' || entry.result !== 'PENDING' || entry.settlesAt === undefined || entry.settlesAt > now) continue;
      this.settle(entry, entry.settlesAs ?? 'COMPLETED', entry.settlesAt);
    }
  }

  onSettled(listener: (charge: ChargeRecord) => void): void {
    this.settledListeners.push(listener);
  }

  /** Ends a pending charge now, as given (fault injection and settleDue). */
  settle(charge: ChargeRecord, as: 'COMPLETED' | 'FAILED', at: number): void {
    if (charge.result !== 'PENDING') return;
    // A reissue hands the pending amount over to the replacement: the money lands there.
    const card = this.requireCard(this.currentPar(charge.par));
    card.pendingAmount = Math.max(0, card.pendingAmount - charge.amount);
    delete charge.settlesAt;
    delete charge.settlesAs;
    if (as === 'COMPLETED') {
      this.complete(charge, card, at);
    } else {
      charge.result = 'FAILED';
      charge.finishedAt = at;
      charge.failureCode = '007_004';
    }
    for (const listener of this.settledListeners) listener(charge);
  }

  // ---- transactions (history) ----

  /** Appends a history row; other operations that move a balance (payments, refunds, transfers) may use it. */
  recordTransaction(row: TransactionRecord): void {
    this.transactionRows.push({ ...row });
  }

  /** The card's history rows, in the order they happened; with `includePrevious`, those of the cards it replaced too. */
  transactionsOf(par: string, includePrevious = false): TransactionRecord[] {
    return this.transactionRows.filter((row) => row.par === par || (includePrevious && this.currentPar(row.par) === par));
  }

  private complete(charge: ChargeRecord, card: CardRecord, at: number): void {
    const balanceBefore = card.balance;
    card.balance += charge.amount;
    charge.result = 'COMPLETED';
    charge.finishedAt = at;
    this.recordTransaction({
      par: card.par,
      userId: charge.userId,
      trType: '01',
      authCancelType: 'AUTH',
      nrNumber: charge.nrNumber,
      approvalCode: charge.approvalCode,
      amount: charge.amount,
      balanceBefore,
      balanceAfter: card.balance,
      at,
      merchantName: chargeMerchantName(charge.method),
      rcgType: charge.method,
      sequenceId: charge.sequenceId,
    });
  }

  private add(entry: LedgerEntry): void {
    if (this.ledger.has(entry.sequenceId)) throw new Error(`sequenceId ${entry.sequenceId} already booked`);
    this.ledger.set(entry.sequenceId, entry);
    this.byNrNumber.set(entry.nrNumber, entry);
  }

  private requireCard(par: string): CardRecord {
    const card = this.cardOf(par);
    if (!card) throw new Error(`no card with PAR ${par}`);
    return card;
  }
}

function chargeMerchantName(method: ChargeMethod): string {
  return method === 'ACCOUNT' ? '계좌충전' : method === 'AUTO' ? '자동충전' : '신용카드충전';
}
