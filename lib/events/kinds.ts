/**
 * One constructor per event kind, the only place an eventKey is made: a callback and a
 * reconciler sweep that see the same platform fact build the same key, so the events table
 * (lib/events/records.ts) lets it onto the bus once.
 */
import { createHash } from 'node:crypto';
import type { EventData, EventKind, EventOrigin, PlatformEvent } from './types';

export interface EventMeta {
  origin: EventOrigin;
  /** ISO 8601; defaults to `receivedAt`. */
  occurredAt?: string;
  /** ISO 8601; defaults to now. */
  receivedAt?: string;
  correlationId?: string;
}

function platformEvent<K extends EventKind>(kind: K, eventKey: string, data: EventData[K], meta: EventMeta): PlatformEvent<K> {
  const receivedAt = meta.receivedAt ?? new Date().toISOString();
  return {
    eventKey,
    kind,
    origin: meta.origin,
    occurredAt: meta.occurredAt ?? receivedAt,
    receivedAt,
    ...(meta.correlationId === undefined ? {} : { correlationId: meta.correlationId }),
    designed: true,
    data,
  };
}

/** A PENDING charge (or charge cancel) became COMPLETED or FAILED: `charge.settled#<operation>#<sequenceId>#<outcome>`. */
export const chargeSettled = (data: EventData['charge.settled'], meta: EventMeta) =>
  platformEvent('charge.settled', `charge.settled#${data.operation}#${data.sequenceId}#${data.outcome}`, data, meta);

/** The platform's number of the transaction, else the provider's id of it: one payment, one key. */
function paymentRef(data: { nrNumber?: string; transactionId?: string }): string {
  if (data.nrNumber) return data.nrNumber;
  if (data.transactionId) return `transactionId#${data.transactionId}`;
  throw new TypeError('a payment event needs its nrNumber or transactionId');
}

/** `payment.approved#<nrNumber>` (or `#transactionId#<id>` when the platform number is not known). */
export const paymentApproved = (data: EventData['payment.approved'], meta: EventMeta) =>
  platformEvent('payment.approved', `payment.approved#${paymentRef(data)}`, data, meta);

/** `payment.cancelled#<nrNumber of the cancel>`: each cancel is its own platform transaction. */
export const paymentCancelled = (data: EventData['payment.cancelled'], meta: EventMeta) =>
  platformEvent('payment.cancelled', `payment.cancelled#${paymentRef(data)}`, data, meta);

/** `refund.settled#<sequenceId>#<outcome>`. */
export const refundSettled = (data: EventData['refund.settled'], meta: EventMeta) =>
  platformEvent('refund.settled', `refund.settled#${data.sequenceId}#${data.outcome}`, data, meta);

/** `card.delivered#<cardApplicationId>` (the PAR when the application is not known). */
export function cardDelivered(data: EventData['card.delivered'], meta: EventMeta) {
  const ref = data.cardApplicationId ?? data.par;
  if (!ref) throw new TypeError('a card.delivered event needs its cardApplicationId or par');
  return platformEvent('card.delivered', `card.delivered#${ref}`, data, meta);
}

/** `balance.changed#<par or userId>#<nrNumber of the movement>` (its time when the movement is not known). */
export function balanceChanged(data: EventData['balance.changed'], meta: EventMeta) {
  const event = platformEvent('balance.changed', '', data, meta);
  event.eventKey = `balance.changed#${data.par ?? data.userId}#${data.nrNumber ?? event.occurredAt}`;
  return event;
}

/**
 * A callback of a kind we do not recognise, passed on rather than dropped: `unknown#<sha256 of the
 * decrypted body>`, so the same body (however it was encrypted or delivered) is one event. `data`
 * must already be masked.
 */
export const unknownEvent = (plaintext: string, maskedBody: Record<string, unknown>, meta: EventMeta) =>
  platformEvent('unknown', `unknown#${createHash('sha256').update(plaintext, 'utf8').digest('hex')}`, maskedBody, meta);
