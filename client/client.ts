/**
 * KonaplateClient: every gateway operation as a typed method (client/operations.ts, generated from
 * the catalog), over the HTTP API signed with SigV4 or by direct Lambda invoke, with the same
 * answers and the same error classes either way; and `charge`, `cancelCharge`, `pay`,
 * `cancelPayment` and `refund`, which carry a money request to its final answer (client/money.ts).
 */
import { httpTransport, type HttpTransportOptions } from './http-transport';
import { invokeTransport, type InvokeTransportOptions } from './invoke-transport';
import { newSequenceId, untilFinal, type MoneyOptions } from './money';
import {
  KonaplateOperations, OPERATIONS,
  type CancelChargeByBankAccountAnswer, type CancelChargeByBankAccountRequest, type CardBalanceRefundAnswer, type CardBalanceRefundRequest,
  type ChargeByBankAccountAnswer, type ChargeByBankAccountRequest, type OperationId, type OperationTypes,
  type PaymentApproveAnswer, type PaymentApproveRequest, type PaymentCancelAnswer, type PaymentCancelRequest,
} from './operations';
import type { CallOptions, OperationInfo, Transport } from './transport';

interface CommonOptions {
  /** How long to wait for one answer, ms (default 30000: API Gateway's own limit is 30 s). */
  timeoutMs?: number;
}

export type KonaplateClientOptions = (HttpTransportOptions | InvokeTransportOptions) & CommonOptions;

/** A charge to make: `sequenceId` may be left out, and one is made (20 characters, protocol.md §7.1). */
export type ChargeRequest = Omit<ChargeByBankAccountRequest, 'sequenceId'> & { sequenceId?: string };
export type CancelChargeRequest = Omit<CancelChargeByBankAccountRequest, 'sequenceId'> & { sequenceId?: string };
/** A payment to make: `transactionId` may be left out, and one is made (20 characters). */
export type PayRequest = Omit<PaymentApproveRequest, 'transactionId'> & { transactionId?: string };
/** A card balance refund to make: `sequenceId` may be left out, and one is made. */
export type RefundRequest = Omit<CardBalanceRefundRequest, 'sequenceId'> & { sequenceId?: string };

export const DEFAULT_TIMEOUT_MS = 30_000;

export class KonaplateClient extends KonaplateOperations {
  private readonly transport: Transport;
  private readonly timeoutMs: number;

  constructor(options: KonaplateClientOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.transport === 'http') this.transport = httpTransport(options, this.timeoutMs);
    else if (options.transport === 'invoke') this.transport = invokeTransport(options, this.timeoutMs);
    else throw new TypeError(`transport must be 'http' or 'invoke', not ${String((options as { transport?: unknown }).transport)}`);
  }

  protected send<Id extends OperationId>(operation: OperationInfo, request: OperationTypes[Id]['request'], options: CallOptions = {}): Promise<OperationTypes[Id]['answer']> {
    return this.transport.send(operation, request, options) as Promise<OperationTypes[Id]['answer']>;
  }

  /**
   * Charges the member's registered bank account into the card, until the answer is final: the
   * request carries one sequenceId (the given one, or a new one) on every attempt, and is sent
   * again after an unknown outcome (504 `KonaplateOutcomeUnknown`), while another call with that
   * sequenceId is in flight (409), while the charge is PENDING (202), and when no answer came,
   * with a jittered backoff, until the charge is COMPLETED or `deadline` (default 90 s) passes.
   *
   * @returns the COMPLETED answer (its `sequenceId` included).
   * @throws the refusal as it came (e.g. `KonaplateRejected` 007_003 limit exceeded; the charge did
   *   not happen); at the deadline or on `signal`, `KonaplateOutcomeUnknown` with the `sequenceId`:
   *   the charge may have happened, so call again with that sequenceId, never a new one.
   */
  charge(request: ChargeRequest, options: MoneyOptions = {}): Promise<ChargeByBankAccountAnswer & { outcome: 'COMPLETED' }> {
    const body: ChargeByBankAccountRequest = { ...request, sequenceId: request.sequenceId ?? newSequenceId() };
    return untilFinal(OPERATIONS.chargeByBankAccount.id, { name: 'sequenceId', value: body.sequenceId }, (call) => this.chargeByBankAccount(body, call), { ...options, defaultTimeoutMs: this.timeoutMs });
  }

  /**
   * Cancels a charge (by its `nrNumber`), until the answer is final: the same rules as `charge`,
   * with a sequenceId of its own.
   */
  cancelCharge(request: CancelChargeRequest, options: MoneyOptions = {}): Promise<CancelChargeByBankAccountAnswer & { outcome: 'COMPLETED' }> {
    const body: CancelChargeByBankAccountRequest = { ...request, sequenceId: request.sequenceId ?? newSequenceId() };
    return untilFinal(OPERATIONS.cancelChargeByBankAccount.id, { name: 'sequenceId', value: body.sequenceId }, (call) => this.cancelChargeByBankAccount(body, call), { ...options, defaultTimeoutMs: this.timeoutMs });
  }

  /**
   * Pays with the card a one-time token was issued for, until the answer is final: the same rules as
   * `charge`, keyed by `transactionId` (the given one, or a new one). `par` names that card: the
   * gateway learns a lost answer's outcome from its history. A payment is approved or refused at
   * once; it never pends.
   */
  pay(request: PayRequest, options: MoneyOptions = {}): Promise<PaymentApproveAnswer & { outcome: 'COMPLETED' }> {
    const body: PaymentApproveRequest = { ...request, transactionId: request.transactionId ?? newSequenceId() };
    return untilFinal(OPERATIONS.paymentApprove.id, { name: 'transactionId', value: body.transactionId }, (call) => this.paymentApprove(body, call), { ...options, defaultTimeoutMs: this.timeoutMs });
  }

  /** Cancels a payment whole, until the answer is final: keyed by the payment's `nrNumber`, which names the cancel too. */
  cancelPayment(request: PaymentCancelRequest, options: MoneyOptions = {}): Promise<PaymentCancelAnswer & { outcome: 'COMPLETED' }> {
    return untilFinal(OPERATIONS.paymentCancel.id, { name: 'nrNumber', value: request.nrNumber }, (call) => this.paymentCancel(request, call), { ...options, defaultTimeoutMs: this.timeoutMs });
  }

  /** Refunds the whole card balance to the member's registered account, until the answer is final: the same rules as `charge`. */
  refund(request: RefundRequest, options: MoneyOptions = {}): Promise<CardBalanceRefundAnswer & { outcome: 'COMPLETED' }> {
    const body: CardBalanceRefundRequest = { ...request, sequenceId: request.sequenceId ?? newSequenceId() };
    return untilFinal(OPERATIONS.cardBalanceRefund.id, { name: 'sequenceId', value: body.sequenceId }, (call) => this.cardBalanceRefund(body, call), { ...options, defaultTimeoutMs: this.timeoutMs });
  }
}
