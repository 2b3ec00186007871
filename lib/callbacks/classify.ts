/**
 * A verified callback body → the platform event it reports (lib/events/). Its `eventType` picks
 * the catalog entry (checks compiled from lib/callbacks/catalog.ts); a type the catalog does not
 * know, or a body that breaks its entry's schema, becomes kind `unknown` with the masked body as
 * its data: passed on, never dropped, and `unrecognised` says why.
 */
import type { Violation } from '../catalog/checks';
import * as events from '../events/kinds';
import type { EventMeta } from '../events/kinds';
import type { PlatformEvent } from '../events/types';
import { maskedCopy } from '../mask';
import { parseStamp } from '../protocol/clock';
import type {
  BalanceChangedBody, CallbackEventType, CardDeliveredBody, ChargeSettledBody, PaymentApprovedBody, PaymentCanceledBody, RefundSettledBody,
} from './catalog';
import { CALLBACK_CHECKS } from './compiled';

export interface CallbackMeta {
  correlationId: string;
  /** X-KM-Time-Zone: the zone of the body's date-times. */
  timeZone: string;
  receivedAt: Date;
}

export interface Classified {
  event: PlatformEvent;
  /** The catalog's event type, when the body is one. */
  eventType: CallbackEventType | undefined;
  /** Why it became `unknown`. */
  unrecognised?: string;
}

const digits = (value: number | bigint) => value.toString();

/** Each designed event type's fields → its event. Bodies arrive checked and with Int64 fields normalised. */
const BUILDERS: { [T in CallbackEventType]: (body: never, meta: EventMeta) => PlatformEvent } = {
  CHARGE_SETTLED: (b: ChargeSettledBody, meta) => events.chargeSettled({
    operation: b.chargeType === 'CHARGE' ? 'chargeByBankAccount' : 'cancelChargeByBankAccount',
    sequenceId: b.sequenceId,
    outcome: b.result,
    amount: b.amount,
    userId: digits(b.userId),
    nrNumber: b.nrNumber,
    ...(b.failureCode === undefined ? {} : { failureCode: b.failureCode }),
  }, meta),
  CARD_DELIVERED: (b: CardDeliveredBody, meta) => events.cardDelivered({
    userId: digits(b.userId),
    cardApplicationId: b.cardApplyNo,
    par: b.par,
    ...(b.physicalCardNo === undefined ? {} : { physicalCardLast4: b.physicalCardNo.slice(-4) }),
  }, meta),
  PAYMENT_APPROVED: (b: PaymentApprovedBody, meta) => events.paymentApproved(paymentData(b), meta),
  PAYMENT_CANCELED: (b: PaymentCanceledBody, meta) => events.paymentCancelled({ ...paymentData(b), originalNrNumber: b.originalNrNumber }, meta),
  REFUND_SETTLED: (b: RefundSettledBody, meta) => events.refundSettled({ sequenceId: b.sequenceId, outcome: b.result, amount: b.amount, userId: digits(b.userId) }, meta),
  BALANCE_CHANGED: (b: BalanceChangedBody, meta) => events.balanceChanged({ userId: digits(b.userId), balance: b.balance, par: b.par, nrNumber: b.nrNumber }, meta),
};

function paymentData(b: PaymentApprovedBody | PaymentCanceledBody) {
  return {
    nrNumber: b.nrNumber,
    ...(b.transactionId === undefined ? {} : { transactionId: b.transactionId }),
    approvalCode: b.approvalCode,
    amount: b.amount,
    merchantId: b.merchantId,
    ...(b.merchantName === undefined ? {} : { merchantName: b.merchantName }),
    userId: digits(b.userId),
    par: b.par,
  };
}

/** When the platform says it happened (eventDateTime in X-KM-Time-Zone), else when it was received. */
function occurredAt(body: Record<string, unknown>, meta: CallbackMeta): string {
  const stamp = body.eventDateTime;
  const at = typeof stamp === 'string' ? parseStamp(stamp, meta.timeZone) : Number.NaN;
  return Number.isNaN(at) ? meta.receivedAt.toISOString() : new Date(at).toISOString();
}

const describe = (violation: Violation) => `${violation.field || '(body)'}: ${violation.rule}`;

export function classifyCallback(plaintext: string, body: Record<string, unknown>, meta: CallbackMeta): Classified {
  const eventMeta: EventMeta = {
    origin: 'callback',
    occurredAt: occurredAt(body, meta),
    receivedAt: meta.receivedAt.toISOString(),
    correlationId: meta.correlationId,
  };
  const type = body.eventType;
  const entry = typeof type === 'string' && Object.hasOwn(CALLBACK_CHECKS, type) ? CALLBACK_CHECKS[type] : undefined;
  const unknown = (unrecognised: string): Classified => ({
    event: events.unknownEvent(plaintext, maskedCopy(body) as Record<string, unknown>, eventMeta),
    eventType: undefined,
    unrecognised,
  });
  if (!entry) return unknown(typeof type === 'string' ? `eventType ${JSON.stringify(type.slice(0, 40))} is not in the callback catalog` : 'no eventType');
  const violation = entry.check.firstViolation(body);
  if (violation) return unknown(`${type as string} breaks its designed schema at ${describe(violation)}`);
  const eventType = type as CallbackEventType;
  const build = BUILDERS[eventType] as (body: unknown, meta: EventMeta) => PlatformEvent;
  return { event: build(entry.check.normalizeIntegers(body), eventMeta), eventType };
}
