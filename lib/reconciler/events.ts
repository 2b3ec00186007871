/**
 * The platform event a settled money request is, in the shape the events contract fixes for every
 * event the gateway hands to the stage's bus (the callback receiver's too): `Source`
 * konaplate.gateway, `DetailType` the kind, `Detail` the JSON below with origin `reconciler`. The
 * eventKey is the one a callback of the same fact carries, so that fact is one event on the bus
 * whichever of the two saw it first (the publishing side records each key once).
 */
import type { MoneyEventKind } from '../catalog/types';
import type { Settlement } from '../money/flow';
import { stringifyJson } from '../protocol/json';

export const EVENT_SOURCE = 'konaplate.gateway';

/** One entry as EventBridge PutEvents takes it; the bus is the publisher's. */
export interface EventEntry {
  Source: typeof EVENT_SOURCE;
  DetailType: MoneyEventKind;
  /** JSON of EventDetail. */
  Detail: string;
}

export interface EventDetail {
  eventKey: string;
  kind: MoneyEventKind;
  origin: 'reconciler';
  occurredAt: string;
  receivedAt: string;
  /** The callback catalog is not public: every kind is designed by us. */
  designed: true;
  data: Record<string, unknown>;
}

/** Hands events to the stage's bus; throws when any entry was not taken (the sweeper then leaves the record open). */
export type PublishEvents = (entries: readonly EventEntry[]) => Promise<void>;

const optional = (name: string, value: unknown) => (value === undefined || value === '' ? {} : { [name]: value });

/**
 * The event of a settlement, or none: a payment or a cancel of one that did not happen is no event
 * (the contract's payment kinds tell what happened to a payment); a charge or refund that did not
 * happen is one, with outcome FAILED.
 */
export function settledEvent(settlement: Settlement, observedAt: number): EventEntry | undefined {
  const { op, key, facts, outcome, data } = settlement;
  const kind = op.money.event;
  const amount = settlement.amount;
  let eventKey: string;
  let payload: Record<string, unknown>;
  switch (kind) {
    case 'charge.settled':
      eventKey = `charge.settled#${op.id}#${key}#${outcome}`;
      payload = { operation: op.id, sequenceId: key, outcome, ...optional('amount', amount), ...optional('userId', facts.userId) };
      break;
    case 'refund.settled':
      eventKey = `refund.settled#${key}#${outcome}`;
      payload = { sequenceId: key, outcome, amount: outcome === 'COMPLETED' ? amount ?? 0 : 0 };
      break;
    case 'payment.approved': {
      if (outcome !== 'COMPLETED') return undefined;
      const nrNumber = typeof data.nrNumber === 'string' ? data.nrNumber : undefined;
      eventKey = `payment.approved#${nrNumber ?? key}`;
      payload = { transactionId: key, ...optional('nrNumber', nrNumber), ...optional('approvalCode', data.approvalCode), amount, ...optional('merchantId', facts.merchantId) };
      break;
    }
    case 'payment.cancelled':
      if (outcome !== 'COMPLETED') return undefined;
      // The payment's nrNumber is the cancel's key: the cancellation of that payment.
      eventKey = `payment.cancelled#${key}`;
      payload = { nrNumber: key, amount, ...optional('merchantId', facts.merchantId) };
      break;
  }
  const detail: EventDetail = {
    eventKey,
    kind,
    origin: 'reconciler',
    occurredAt: new Date(settlement.occurredAt ?? observedAt).toISOString(),
    receivedAt: new Date(observedAt).toISOString(),
    designed: true,
    data: payload,
  };
  return { Source: EVENT_SOURCE, DetailType: kind, Detail: stringifyJson(detail) };
}
