/**
 * The events the ledger sweeper hands on (the events contract): one per settled fact, built with
 * lib/events' constructors so its eventKey is the one the callback of the same fact carries (the
 * classifier's, lib/callbacks/classify.ts), its data the contract's fields and nothing else.
 */
import { cancelChargeByBankAccount, cardBalanceRefund, chargeByBankAccount, paymentApprove, paymentCancel } from '../../lib/catalog';
import type { GatewayOperation } from '../../lib/catalog/types';
import { chargeSettled, paymentApproved, paymentCancelled } from '../../lib/events';
import type { Settlement } from '../../lib/money/flow';
import { settledEvent } from '../../lib/reconciler/events';

const NOW = Date.UTC(2026, 11, 1, 3, 0, 0);
const settlement = (op: unknown, fields: Partial<Settlement>): Settlement =>
  ({ op: op as GatewayOperation<'money'>, key: 'K1', facts: {}, outcome: 'COMPLETED', data: {}, ...fields });
const callback = { origin: 'callback' as const };

it('a charge or its cancel: charge.settled keyed by operation, sequenceId and outcome, completed or failed: the callback\'s key', () => {
  const done = settledEvent(settlement(chargeByBankAccount, { key: 'CH-1', facts: { userId: 50000104652, amount: 5000 }, amount: 5000, data: { nrNumber: 'KMN261201000000003' } }), NOW)!;
  expect(done).toEqual({
    eventKey: 'charge.settled#chargeByBankAccount#CH-1#COMPLETED', kind: 'charge.settled', origin: 'reconciler',
    occurredAt: '2026-12-01T03:00:00.000Z', receivedAt: '2026-12-01T03:00:00.000Z', designed: true,
    data: { operation: 'chargeByBankAccount', sequenceId: 'CH-1', outcome: 'COMPLETED', amount: 5000, userId: '50000104652', nrNumber: 'KMN261201000000003' },
  });
  expect(done.eventKey).toBe(chargeSettled({ operation: 'chargeByBankAccount', sequenceId: 'CH-1', outcome: 'COMPLETED', amount: 5000 }, callback).eventKey);
  expect(settledEvent(settlement(cancelChargeByBankAccount, { key: 'CC-1', outcome: 'FAILED' }), NOW)!.eventKey).toBe('charge.settled#cancelChargeByBankAccount#CC-1#FAILED');
});

it('a payment: payment.approved keyed by its nrNumber, at the time the history shows; none when it never happened', () => {
  const approved = settledEvent(settlement(paymentApprove, {
    key: 'PY-1', facts: { par: 'V001…', amount: 1200, merchantId: '410195430033901' }, amount: 1200, occurredAt: NOW - 60_000,
    data: { nrNumber: 'KMN261201000000007', approvalCode: '123456', balance: 800, cardNo: '************0765' },
  }), NOW)!;
  expect(approved).toMatchObject({
    eventKey: 'payment.approved#KMN261201000000007', kind: 'payment.approved', occurredAt: '2026-12-01T02:59:00.000Z',
    data: { transactionId: 'PY-1', nrNumber: 'KMN261201000000007', approvalCode: '123456', amount: 1200, merchantId: '410195430033901' },
  });
  // Never the card number or the balance: the contract's fields only.
  expect(Object.keys(approved.data).sort()).toEqual(['amount', 'approvalCode', 'merchantId', 'nrNumber', 'transactionId']);
  expect(approved.eventKey).toBe(paymentApproved({ nrNumber: 'KMN261201000000007', amount: 1200 }, callback).eventKey);
  expect(settledEvent(settlement(paymentApprove, { outcome: 'FAILED', amount: 1200 }), NOW)).toBeUndefined();
});

it('a payment cancel: payment.cancelled keyed by the payment it cancels, as the callback (which also carries the cancel\'s own number) is', () => {
  expect(settledEvent(settlement(paymentCancel, { outcome: 'FAILED' }), NOW)).toBeUndefined();
  const cancelled = settledEvent(settlement(paymentCancel, { key: 'KMN261201000000007', amount: 1200, facts: { merchantId: '410195430033901' } }), NOW)!;
  expect(cancelled).toMatchObject({ eventKey: 'payment.cancelled#KMN261201000000007', data: { originalNrNumber: 'KMN261201000000007', amount: 1200, merchantId: '410195430033901' } });
  expect(cancelled.eventKey).toBe(paymentCancelled({ nrNumber: 'KMN261201000000009', originalNrNumber: 'KMN261201000000007', amount: 1200 }, callback).eventKey);
});

it('a refund: refund.settled keyed by sequenceId and outcome; nothing moved when it failed', () => {
  expect(settledEvent(settlement(cardBalanceRefund, { key: 'RF-1', amount: 30_000 }), NOW))
    .toMatchObject({ eventKey: 'refund.settled#RF-1#COMPLETED', data: { sequenceId: 'RF-1', outcome: 'COMPLETED', amount: 30_000 } });
  expect(settledEvent(settlement(cardBalanceRefund, { key: 'RF-2', outcome: 'FAILED' }), NOW)!.data).toEqual({ sequenceId: 'RF-2', outcome: 'FAILED', amount: 0 });
});
