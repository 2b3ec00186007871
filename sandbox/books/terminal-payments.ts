/**
 * Card payments made at a merchant's terminal, which the provider never calls an API for: the
 * control API simulates them (POST /__sandbox/terminal-payments, sandbox/platform/callbacks/control.ts)
 * so the platform has something to call back about (payment approved or cancelled, balance changed).
 * A payment debits the card and writes a history row (trType 00, AUTH); its cancel credits it back
 * (00, CANCEL), both through the payments book, so history and balances agree.
 *
 * When the payment operations join the sandbox (/api/v1/payment/no-hce and its cancel), a terminal
 * payment becomes an entry of their book with method TERMINAL, made by the same function the
 * operation uses; this book then only says which entries came from a terminal.
 */
import { randomInt } from 'node:crypto';
import type { PaymentsBook } from './payments';
import type { CardRecord } from './records';

export interface TerminalCancel {
  nrNumber: string;
  approvalCode: string;
  at: number;
  balanceAfter: number;
}

export interface TerminalPayment {
  nrNumber: string;
  approvalCode: string;
  userId: bigint;
  par: string;
  amount: number;
  merchantId: string;
  merchantName: string;
  at: number;
  balanceAfter: number;
  cancel?: TerminalCancel;
}

export type TerminalRefusal = 'card not ACTIVE' | 'balance too low' | 'already cancelled' | 'the card cannot pay the amount back';

const approvalCode = () => String(randomInt(100_000_000)).padStart(8, '0');

export class TerminalPayments {
  private readonly byNrNumber = new Map<string, TerminalPayment>();

  constructor(private readonly payments: PaymentsBook) {}

  reset(): void {
    this.byNrNumber.clear();
  }

  get(nrNumber: string): TerminalPayment | undefined {
    return this.byNrNumber.get(nrNumber);
  }

  /** Debits the card now; refused when it is not ACTIVE or holds less than the amount. */
  approve(fields: { card: CardRecord; userId: bigint; amount: number; merchantId: string; merchantName: string }, now: number): TerminalPayment | TerminalRefusal {
    const { card } = fields;
    if (card.status !== 'ACTIVE') return 'card not ACTIVE';
    if (card.balance < fields.amount) return 'balance too low';
    const balanceBefore = card.balance;
    card.balance -= fields.amount;
    const payment: TerminalPayment = {
      nrNumber: this.payments.newNrNumber(now),
      approvalCode: approvalCode(),
      userId: fields.userId,
      par: card.par,
      amount: fields.amount,
      merchantId: fields.merchantId,
      merchantName: fields.merchantName,
      at: now,
      balanceAfter: card.balance,
    };
    this.byNrNumber.set(payment.nrNumber, payment);
    this.payments.recordTransaction({
      par: card.par, userId: fields.userId, trType: '00', authCancelType: 'AUTH', nrNumber: payment.nrNumber, approvalCode: payment.approvalCode,
      amount: fields.amount, balanceBefore, balanceAfter: card.balance, at: now, merchantName: fields.merchantName,
    });
    return payment;
  }

  /** Credits the payment back to the card now (the card that holds its money: a replacement after a reissue). */
  cancel(payment: TerminalPayment, card: CardRecord, now: number): TerminalCancel | TerminalRefusal {
    if (payment.cancel) return 'already cancelled';
    if (card.status === 'TERMINATED') return 'the card cannot pay the amount back';
    const balanceBefore = card.balance;
    card.balance += payment.amount;
    payment.cancel = { nrNumber: this.payments.newNrNumber(now), approvalCode: approvalCode(), at: now, balanceAfter: card.balance };
    this.payments.recordTransaction({
      par: card.par, userId: payment.userId, trType: '00', authCancelType: 'CANCEL', nrNumber: payment.cancel.nrNumber,
      approvalCode: payment.cancel.approvalCode, amount: payment.amount, balanceBefore, balanceAfter: card.balance, at: now, merchantName: payment.merchantName,
    });
    return payment.cancel;
  }
}
