/**
 * The books of spending a card: payments at a merchant (and their cancels) and refunds of the card
 * balance to the member's registered account. Money moves on the card record (balance) and, for a
 * refund, into the account's book below; every movement is a row of the card's history
 * (PaymentsBook.recordTransaction: payment trType 00, its cancel 00 CANCEL, refund 02), so the
 * history, these books and the balances agree.
 *
 * A payment is made online through the API (/api/v1/payment/no-hce, its behaviour checks it first)
 * or at a merchant's terminal, which no API call makes: the control API simulates those
 * (POST /__sandbox/terminal-payments, sandbox/platform/callbacks/control.ts). Both are entries of
 * this one book, made and cancelled by the same functions, and both are told to the listeners (the
 * callback sender) as the platform calls back about every payment.
 */
import { randomInt } from 'node:crypto';
import { koreanDate, koreanDateTime } from './korean-time';
import type { PaymentsBook } from './payments';
import type { BankAccountRecord, CardRecord } from './records';

export interface PaymentCancel {
  nrNumber: string;
  approvalCode: string;
  at: number;
  balanceAfter: number;
}

export interface PaymentRecord {
  /** Online through the API, or at a merchant's terminal. */
  via: 'API' | 'TERMINAL';
  /** The provider's id of an online payment: a second payment with it is refused (006_101). A terminal payment has none. */
  transactionId?: string;
  /** The project that made an online payment. */
  aspId?: string;
  userId: bigint;
  /** The card that paid. */
  par: string;
  amount: number;
  merchantId: string;
  merchantName: string;
  nrNumber: string;
  approvalCode: string;
  approvedAt: number;
  balanceAfter: number;
  /** Set once the payment is cancelled (whole). */
  cancel?: PaymentCancel;
}

/** What the callback sender is told: a payment made, or cancelled. */
export type PaymentNotice = { type: 'payment-approved'; payment: PaymentRecord } | { type: 'payment-canceled'; payment: PaymentRecord };

/** Why a terminal refuses: it checks only what a terminal's network would. */
export type TerminalRefusal = 'card not ACTIVE' | 'balance too low' | 'already cancelled' | 'the card cannot pay the amount back';

export interface RefundRecord {
  sequenceId: string;
  aspId: string;
  userId: bigint;
  par: string;
  /** The whole balance the card held. */
  amount: number;
  nrNumber: string;
  at: number;
  /** Where the money went: the member's normal account at the time. */
  account: BankAccountRecord;
}

/** Refund limits per member and Korean calendar month (designed: 009_002 amount, 009_003 count; the platform publishes none). */
export const REFUND_MONTHLY_LIMITS = { amount: 2_000_000, count: 10 } as const;

const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');

export class CardPaymentsBook {
  private readonly paymentsById = new Map<string, PaymentRecord>();
  private readonly paymentsByNrNumber = new Map<string, PaymentRecord>();
  private readonly refundsById = new Map<string, RefundRecord>();
  private readonly paymentListeners: Array<(notice: PaymentNotice) => void> = [];

  /** The charge book hands out nrNumbers (one sequence for every transaction) and keeps the history rows. */
  constructor(private readonly ledger: PaymentsBook) {}

  reset(): void {
    this.paymentsById.clear();
    this.paymentsByNrNumber.clear();
    this.refundsById.clear();
  }

  // ---- payments ----

  /** Told of every payment and cancel (the callback sender); kept across resets. */
  onPayment(listener: (notice: PaymentNotice) => void): void {
    this.paymentListeners.push(listener);
  }

  private tell(notice: PaymentNotice): void {
    for (const listener of this.paymentListeners) listener(notice);
  }

  payment(transactionId: string): PaymentRecord | undefined {
    return this.paymentsById.get(transactionId);
  }

  paymentByNrNumber(nrNumber: string): PaymentRecord | undefined {
    return this.paymentsByNrNumber.get(nrNumber);
  }

  /** Every payment, online or at a terminal, oldest first. */
  payments(): PaymentRecord[] {
    return [...this.paymentsByNrNumber.values()];
  }

  /** KRW paid with the card and not cancelled, on the Korean day and month of `now`. */
  paidOn(par: string, now: number): { day: number; month: number } {
    const day = koreanDate(now);
    const totals = { day: 0, month: 0 };
    for (const payment of this.paymentsByNrNumber.values()) {
      if (payment.par !== par || payment.cancel) continue;
      const when = koreanDateTime(payment.approvedAt);
      if (when.slice(0, 6) === day.slice(0, 6)) totals.month += payment.amount;
      if (when.slice(0, 8) === day) totals.day += payment.amount;
    }
    return totals;
  }

  /** Approves a payment that was checked (by the behaviour, or at the terminal): the card pays `amount` at once. */
  recordPayment(
    fields: Pick<PaymentRecord, 'userId' | 'par' | 'amount' | 'merchantId'> & Partial<Pick<PaymentRecord, 'via' | 'transactionId' | 'aspId' | 'merchantName'>>,
    card: CardRecord,
    now: number,
  ): PaymentRecord {
    if (fields.transactionId !== undefined && this.paymentsById.has(fields.transactionId)) throw new Error(`transactionId ${fields.transactionId} already booked`);
    if (card.balance < fields.amount) throw new Error(`card ${card.par} cannot pay ${fields.amount}`);
    const payment: PaymentRecord = {
      via: 'API', ...fields, merchantName: fields.merchantName ?? merchantName(fields.merchantId),
      nrNumber: this.ledger.newNrNumber(now), approvalCode: digits(6), approvedAt: now, balanceAfter: card.balance - fields.amount,
    };
    if (payment.transactionId !== undefined) this.paymentsById.set(payment.transactionId, payment);
    this.paymentsByNrNumber.set(payment.nrNumber, payment);
    this.move(card, -payment.amount, { trType: '00', authCancelType: 'AUTH', nrNumber: payment.nrNumber, approvalCode: payment.approvalCode, at: now, merchantName: payment.merchantName }, payment.userId);
    this.tell({ type: 'payment-approved', payment });
    return payment;
  }

  /** Cancels a payment whole: the card (or the card that replaced it) gets the amount back. */
  recordPaymentCancel(payment: PaymentRecord, now: number): PaymentCancel {
    if (payment.cancel) throw new Error(`payment ${payment.nrNumber} is already cancelled`);
    const card = this.cardHolding(payment.par);
    const row = { nrNumber: this.ledger.newNrNumber(now), approvalCode: digits(6), at: now };
    payment.cancel = { ...row, balanceAfter: card.balance + payment.amount };
    this.move(card, payment.amount, { trType: '00', authCancelType: 'CANCEL', ...row, merchantName: payment.merchantName }, payment.userId);
    this.tell({ type: 'payment-canceled', payment });
    return payment.cancel;
  }

  /** A payment at a merchant's terminal now: refused when the card is not ACTIVE or holds less than the amount. */
  payAtTerminal(fields: { card: CardRecord; userId: bigint; amount: number; merchantId: string; merchantName: string }, now: number): PaymentRecord | TerminalRefusal {
    const { card, ...rest } = fields;
    if (card.status !== 'ACTIVE') return 'card not ACTIVE';
    if (card.balance < fields.amount) return 'balance too low';
    return this.recordPayment({ ...rest, via: 'TERMINAL', par: card.par }, card, now);
  }

  /** Its cancel at the terminal: once, and not to a card that was terminated. */
  cancelAtTerminal(payment: PaymentRecord, now: number): PaymentCancel | TerminalRefusal {
    if (payment.cancel) return 'already cancelled';
    if (this.cardHolding(payment.par).status === 'TERMINATED') return 'the card cannot pay the amount back';
    return this.recordPaymentCancel(payment, now);
  }

  /** The card that holds a payment's money now: the card that paid, or the card that replaced it at a reissue. */
  cardHolding(par: string): CardRecord {
    const card = this.ledger.cardNow(par);
    if (!card) throw new Error(`no card with PAR ${par}`);
    return card;
  }

  // ---- refunds ----

  refund(sequenceId: string): RefundRecord | undefined {
    return this.refundsById.get(sequenceId);
  }

  /** Every refund, oldest first. */
  refunds(): RefundRecord[] {
    return [...this.refundsById.values()];
  }

  /** The member's refunds in the Korean calendar month of `now`: how many, how much. */
  refundedThisMonth(userId: bigint, aspId: string, now: number): { count: number; amount: number } {
    const month = koreanDate(now).slice(0, 6);
    const totals = { count: 0, amount: 0 };
    for (const refund of this.refundsById.values()) {
      if (refund.userId !== userId || refund.aspId !== aspId || koreanDate(refund.at).slice(0, 6) !== month) continue;
      totals.count += 1;
      totals.amount += refund.amount;
    }
    return totals;
  }

  /** KRW refunded into the member's accounts (the account side of every refund). */
  creditedTo(userId: bigint): number {
    return this.refunds().filter((refund) => refund.userId === userId).reduce((sum, refund) => sum + refund.amount, 0);
  }

  /** Moves the whole card balance to the account the behaviour checked. */
  recordRefund(fields: Pick<RefundRecord, 'sequenceId' | 'aspId' | 'userId'>, card: CardRecord, account: BankAccountRecord, now: number): RefundRecord {
    if (this.refundsById.has(fields.sequenceId)) throw new Error(`refund ${fields.sequenceId} already booked`);
    const refund: RefundRecord = { ...fields, par: card.par, amount: card.balance, nrNumber: this.ledger.newNrNumber(now), at: now, account: { ...account } };
    this.refundsById.set(refund.sequenceId, refund);
    this.move(card, -refund.amount, { trType: '02', authCancelType: 'AUTH', nrNumber: refund.nrNumber, approvalCode: digits(6), at: now, merchantName: '잔액환불' }, refund.userId);
    return refund;
  }

  private move(
    card: CardRecord,
    delta: number,
    row: { trType: '00' | '02'; authCancelType: 'AUTH' | 'CANCEL'; nrNumber: string; approvalCode: string; at: number; merchantName: string },
    userId: bigint,
  ): void {
    const balanceBefore = card.balance;
    card.balance += delta;
    this.ledger.recordTransaction({ ...row, par: card.par, userId, amount: Math.abs(delta), balanceBefore, balanceAfter: card.balance });
  }
}

/** The merchant's name in the history: the sandbox keeps no merchant table. */
function merchantName(merchantId: string): string {
  return `가맹점 ${merchantId.slice(-4)}`;
}
