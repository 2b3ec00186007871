/**
 * The events the ledger sweeper hands on (the events contract): one per settled fact, its eventKey the
 * one a callback of the same fact carries, its data the contract's fields and nothing else; and the
 * EventBridge publisher: batches of 10 to the stage's bus, a refused entry a failure.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { cancelChargeByBankAccount, cardBalanceRefund, chargeByBankAccount, paymentApprove, paymentCancel } from '../../lib/catalog';
import type { GatewayOperation } from '../../lib/catalog/types';
import type { Settlement } from '../../lib/money/flow';
import { eventBridgePublisher } from '../../lib/reconciler/event-bridge';
import { settledEvent, type EventDetail, type EventEntry } from '../../lib/reconciler/events';

const NOW = Date.UTC(2026, 11, 1, 3, 0, 0);
const settlement = (op: unknown, fields: Partial<Settlement>): Settlement =>
  ({ op: op as GatewayOperation<'money'>, key: 'K1', facts: {}, outcome: 'COMPLETED', data: {}, ...fields });
const detailOf = (entry: EventEntry | undefined) => JSON.parse(entry!.Detail) as EventDetail;

it('a charge or its cancel: charge.settled keyed by operation, sequenceId and outcome, completed or failed', () => {
  const done = settledEvent(settlement(chargeByBankAccount, { key: 'CH-1', facts: { userId: 50000104652, amount: 5000 }, amount: 5000 }), NOW)!;
  expect(done.Source).toBe('konaplate.gateway');
  expect(done.DetailType).toBe('charge.settled');
  expect(detailOf(done)).toEqual({
    eventKey: 'charge.settled#chargeByBankAccount#CH-1#COMPLETED', kind: 'charge.settled', origin: 'reconciler',
    occurredAt: '2026-12-01T03:00:00.000Z', receivedAt: '2026-12-01T03:00:00.000Z', designed: true,
    data: { operation: 'chargeByBankAccount', sequenceId: 'CH-1', outcome: 'COMPLETED', amount: 5000, userId: 50000104652 },
  });
  expect(detailOf(settledEvent(settlement(cancelChargeByBankAccount, { key: 'CC-1', outcome: 'FAILED' }), NOW)).eventKey).toBe('charge.settled#cancelChargeByBankAccount#CC-1#FAILED');
});

it('a payment: payment.approved keyed by its nrNumber, at the time the history shows; none when it never happened', () => {
  const approved = settledEvent(settlement(paymentApprove, {
    key: 'PY-1', facts: { par: 'V001…', amount: 1200, merchantId: '410195430033901' }, amount: 1200, occurredAt: NOW - 60_000,
    data: { nrNumber: 'KMN261201000000007', approvalCode: '123456', balance: 800, cardNo: '************0765' },
  }), NOW);
  expect(detailOf(approved)).toMatchObject({
    eventKey: 'payment.approved#KMN261201000000007', kind: 'payment.approved', occurredAt: '2026-12-01T02:59:00.000Z',
    data: { transactionId: 'PY-1', nrNumber: 'KMN261201000000007', approvalCode: '123456', amount: 1200, merchantId: '410195430033901' },
  });
  expect(Object.keys(detailOf(approved).data).sort()).toEqual(['amount', 'approvalCode', 'merchantId', 'nrNumber', 'transactionId']);
  expect(settledEvent(settlement(paymentApprove, { outcome: 'FAILED', amount: 1200 }), NOW)).toBeUndefined();
  expect(settledEvent(settlement(paymentCancel, { outcome: 'FAILED' }), NOW)).toBeUndefined();
  expect(detailOf(settledEvent(settlement(paymentCancel, { key: 'KMN261201000000007', amount: 1200, facts: { merchantId: '410195430033901' } }), NOW)))
    .toMatchObject({ eventKey: 'payment.cancelled#KMN261201000000007', data: { nrNumber: 'KMN261201000000007', amount: 1200, merchantId: '410195430033901' } });
});

it('a refund: refund.settled keyed by sequenceId and outcome; nothing moved when it failed', () => {
  expect(detailOf(settledEvent(settlement(cardBalanceRefund, { key: 'RF-1', amount: 30_000 }), NOW)))
    .toMatchObject({ eventKey: 'refund.settled#RF-1#COMPLETED', data: { sequenceId: 'RF-1', outcome: 'COMPLETED', amount: 30_000 } });
  expect(detailOf(settledEvent(settlement(cardBalanceRefund, { key: 'RF-2', outcome: 'FAILED' }), NOW)).data).toEqual({ sequenceId: 'RF-2', outcome: 'FAILED', amount: 0 });
});

it('publishes to the stage\'s bus in batches of 10, and fails when EventBridge did not take an entry', async () => {
  const calls: Array<{ Entries: Array<Record<string, unknown>> }> = [];
  let failing = 0;
  const client = { send: async (command: { input: { Entries: Array<Record<string, unknown>> } }) => {
    calls.push(command.input);
    return { FailedEntryCount: failing, Entries: command.input.Entries.map((_, i) => (i < failing ? { ErrorCode: 'InternalFailure' } : { EventId: 'e' })) };
  } } as unknown as EventBridgeClient;
  const entries = Array.from({ length: 23 }, (_, i) => settledEvent(settlement(chargeByBankAccount, { key: `CH-${i}` }), NOW)!);
  await eventBridgePublisher('konaplate-gateway-prod', client)(entries);
  expect(calls.map((call) => call.Entries.length)).toEqual([10, 10, 3]);
  expect(calls[0]!.Entries[0]).toEqual({ ...entries[0], EventBusName: 'konaplate-gateway-prod' });
  failing = 1;
  await expect(eventBridgePublisher('konaplate-gateway-prod', client)(entries.slice(0, 2))).rejects.toThrow('EventBridge refused 1 of 2 events (InternalFailure)');
});
