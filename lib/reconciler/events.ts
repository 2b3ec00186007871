/**
 * The platform event a settled money request is: built with lib/events' constructors (the only
 * place an eventKey is made), origin `reconciler`, so a callback and a sweep that saw the same
 * settlement carry one key and the events table lets it onto the bus once.
 */
import type { Settlement } from '../money/flow';
import { chargeSettled, paymentApproved, paymentCancelled, refundSettled, type PlatformEvent, type SettledOperation } from '../events';

const text = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value));
/** The fields given, without the ones not known: the event carries what the gateway knows, nothing made up. */
const known = <T extends Record<string, unknown>>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

/**
 * The event of a settlement, or none: a payment or a cancel of one that did not happen is no event
 * (the payment kinds tell what happened to a payment); a charge or refund that did not happen is
 * one, with outcome FAILED.
 */
export function settledEvent(settlement: Settlement, observedAt: number): PlatformEvent | undefined {
  const { op, key, facts, outcome, data, amount } = settlement;
  const meta = {
    origin: 'reconciler' as const,
    occurredAt: new Date(settlement.occurredAt ?? observedAt).toISOString(),
    receivedAt: new Date(observedAt).toISOString(),
  };
  switch (op.money.event) {
    case 'charge.settled':
      return chargeSettled(known({
        operation: op.id as SettledOperation, sequenceId: key, outcome, amount, userId: text(facts.userId), nrNumber: text(data.nrNumber),
      }), meta);
    case 'refund.settled':
      return refundSettled(known({ sequenceId: key, outcome, amount: outcome === 'COMPLETED' ? amount ?? 0 : 0, userId: text(facts.userId) }), meta);
    case 'payment.approved':
      if (outcome !== 'COMPLETED') return undefined;
      return paymentApproved(known({
        transactionId: key, nrNumber: text(data.nrNumber), approvalCode: text(data.approvalCode), amount: amount ?? 0, merchantId: text(facts.merchantId),
      }), meta);
    case 'payment.cancelled':
      if (outcome !== 'COMPLETED') return undefined;
      // The cancel's key is the payment's nrNumber: a payment is cancelled whole, once.
      return paymentCancelled(known({ originalNrNumber: key, amount: amount ?? 0, merchantId: text(facts.merchantId) }), meta);
  }
}
