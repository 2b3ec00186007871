/**
 * The callback catalog: what the platform sends to the provider's callback URL, one entry per
 * event type (protocol.md §5.3). The platform publishes no callback catalog, so every entry is
 * designed by us from what the platform does (a pending charge settles, a card arrives, a payment
 * is approved or cancelled at a terminal, a balance moves), in the platform's own naming style:
 * camelCase fields, upper-case codes, dates as yyyyMMddHHmmss, the same field shapes as the
 * operation catalog. Marked `documented: false`, with sources and gaps, as the operation catalog
 * marks its designed parts.
 *
 * Bodies are open (unknown fields allowed): a platform that adds a field must not have its
 * callbacks refused. A body whose `eventType` is not here, or that breaks its entry's schema, is
 * passed on as kind `unknown`, never dropped (lib/callbacks/classify.ts).
 *
 * TypeBox, like the operation catalog: the sandbox builds and checks what it sends with it, and
 * `npm run generate` compiles the checks the receiver runs (lib/callbacks/compiled.ts), so no
 * TypeBox ships in the function.
 */
import { Amount, CardApplyNo, CardBalance, CardNo, MerchantId, Par, SequenceId, UserId } from '../catalog/fields';
import { Digits, StringEnum, Type, UNDOCUMENTED, type Static, type TObject } from '../catalog/schema';
import type { EventKind } from '../events/types';

export type CallbackKind = Exclude<EventKind, 'unknown'>;

export interface CallbackEventEntry<Body extends TObject = TObject, T extends string = string, K extends CallbackKind = CallbackKind> {
  /** The wire value of `eventType`, e.g. CHARGE_SETTLED. */
  eventType: T;
  /** The bus's DetailType it becomes (lib/events/types.ts). */
  kind: K;
  title: string;
  /** Whether the platform seals it (personal, card or account data): encData to the project's first crypto key. */
  encrypted: boolean;
  /** The plaintext body. */
  body: Body;
  /** Nothing of a callback is public: always false. */
  documented: false;
  sources: readonly string[];
  gaps: string;
}

const defineCallbackEvent = <Body extends TObject, T extends string, K extends CallbackKind>(entry: CallbackEventEntry<Body, T, K>) => entry;

const SOURCES = [
  'docs/protocol.md §5: callbacks exist, carry the common headers without X-KM-Access-Key, and use the first crypto key (G-189)',
] as const;

/** yyyyMMddHHmmss in the zone X-KM-Time-Zone names, as every platform date-time field is written. */
const EventDateTime = (description: string) => Digits(14, { description: `${description}, yyyyMMddHHmmss in X-KM-Time-Zone`, ...UNDOCUMENTED });

const NrNumber = (description = 'Platform transaction number') => Type.String({ minLength: 1, maxLength: 50, description, ...UNDOCUMENTED });
const ApprovalCode = () => Type.String({ minLength: 1, maxLength: 20, description: 'Approval number', ...UNDOCUMENTED });
const ResultCode = (description: string) => Type.String({ pattern: '^[0-9]{3}_[0-9]{3}$', description, ...UNDOCUMENTED });

/** The fields every callback body starts with. */
const common = <T extends string>(eventType: T) => ({
  eventType: StringEnum([eventType] as const, { description: 'What happened', ...UNDOCUMENTED }),
  eventDateTime: EventDateTime('When it happened on the platform'),
  userId: UserId(),
});

export const chargeSettledCallback = defineCallbackEvent({
  eventType: 'CHARGE_SETTLED',
  kind: 'charge.settled',
  title: 'A pending bank-account charge (or its cancel) settled',
  encrypted: false,
  body: Type.Object({
    ...common('CHARGE_SETTLED'),
    chargeType: StringEnum(['CHARGE', 'CANCEL'] as const, { description: 'The charge itself, or its cancel', ...UNDOCUMENTED }),
    sequenceId: SequenceId(30),
    nrNumber: NrNumber(),
    result: StringEnum(['COMPLETED', 'FAILED'] as const, { description: 'How it settled, as the result inquiry would answer', ...UNDOCUMENTED }),
    amount: Amount(),
    failureCode: Type.Optional(ResultCode('Why a FAILED charge failed, e.g. 007_004')),
  }),
  documented: false,
  sources: [...SOURCES, 'Charge page: a charge answered isPending is re-checked by KONA and then completed or failed (protocol.md §7.2)'],
  gaps: 'The whole message is designed. The platform may never call back for a settlement: the result inquiry stays the source of truth (protocol.md §5.6).',
});

export const cardDeliveredCallback = defineCallbackEvent({
  eventType: 'CARD_DELIVERED',
  kind: 'card.delivered',
  title: 'The physical card of an application was delivered',
  encrypted: true,
  body: Type.Object({
    ...common('CARD_DELIVERED'),
    cardApplyNo: CardApplyNo('The application the card was delivered for'),
    par: Par(),
    deliveryStatus: StringEnum(['ARRIVAL'] as const, { description: 'As the delivery status inquiry spells a delivered card', ...UNDOCUMENTED }),
    physicalCardNo: Type.Optional(CardNo('The delivered plastic\'s number (card data: the message is encrypted)')),
  }),
  documented: false,
  sources: [...SOURCES, 'Card delivery status inquiry (/api/v1/card/delivery/inquiry): READY … SHIPPING, ARRIVAL'],
  gaps: 'The whole message is designed; the delivery status inquiry is the source of truth.',
});

const payment = <T extends string>(eventType: T) => ({
  ...common(eventType),
  par: Par(),
  nrNumber: NrNumber('Platform number of this transaction'),
  approvalCode: ApprovalCode(),
  amount: Amount(),
  merchantId: MerchantId(),
  merchantName: Type.Optional(Type.String({ maxLength: 100, ...UNDOCUMENTED })),
  transactionId: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'The provider\'s id of an online payment', ...UNDOCUMENTED })),
  approvalDateTime: EventDateTime('Approval time'),
  balanceAfter: Type.Optional(CardBalance('Card balance after it')),
});

export const paymentApprovedCallback = defineCallbackEvent({
  eventType: 'PAYMENT_APPROVED',
  kind: 'payment.approved',
  title: 'A card payment was approved (at a terminal or online)',
  encrypted: true,
  body: Type.Object(payment('PAYMENT_APPROVED')),
  documented: false,
  sources: [...SOURCES, 'Payment (/api/v1/payment/no-hce) answers nrNumber and approvalCode (protocol.md §7.2); card history rows trType 00'],
  gaps: 'The whole message is designed; the card transaction history is the source of truth.',
});

export const paymentCanceledCallback = defineCallbackEvent({
  eventType: 'PAYMENT_CANCELED',
  kind: 'payment.cancelled',
  title: 'A card payment was cancelled (at a terminal or online)',
  encrypted: true,
  body: Type.Object({
    ...payment('PAYMENT_CANCELED'),
    originalNrNumber: NrNumber('Platform number of the payment cancelled'),
  }),
  documented: false,
  sources: [...SOURCES, 'Payment cancel (/api/v1/payment/cancel/no-hce); card history rows trType 00 CANCEL'],
  gaps: 'The whole message is designed; "CANCELED" follows the platform\'s one spelling seen (CANCEL, cancel paths).',
});

export const refundSettledCallback = defineCallbackEvent({
  eventType: 'REFUND_SETTLED',
  kind: 'refund.settled',
  title: 'A refund of a card balance to the member\'s account finished',
  encrypted: true,
  body: Type.Object({
    ...common('REFUND_SETTLED'),
    sequenceId: SequenceId(30),
    result: StringEnum(['COMPLETED', 'FAILED'] as const, { ...UNDOCUMENTED }),
    amount: Amount(),
    nrNumber: Type.Optional(NrNumber()),
  }),
  documented: false,
  sources: [...SOURCES, 'Refund of a card balance (/api/v1/refund/card) takes a sequenceId (protocol.md §7.1)'],
  gaps: 'The whole message is designed. The refund operation is not in the operation catalog, so the sandbox never sends it.',
});

export const balanceChangedCallback = defineCallbackEvent({
  eventType: 'BALANCE_CHANGED',
  kind: 'balance.changed',
  title: 'A card balance changed',
  encrypted: true,
  body: Type.Object({
    ...common('BALANCE_CHANGED'),
    par: Par(),
    balance: CardBalance('Balance after the change'),
    nrNumber: NrNumber('The transaction that moved it'),
  }),
  documented: false,
  sources: [...SOURCES],
  gaps: 'The whole message is designed; the card list and history are the source of truth.',
});

/** Every designed callback, by wire event type. */
export const CALLBACK_EVENTS = [
  chargeSettledCallback,
  cardDeliveredCallback,
  paymentApprovedCallback,
  paymentCanceledCallback,
  refundSettledCallback,
  balanceChangedCallback,
] as const;

export type CallbackEventType = (typeof CALLBACK_EVENTS)[number]['eventType'];

export type ChargeSettledBody = Static<typeof chargeSettledCallback.body>;
export type CardDeliveredBody = Static<typeof cardDeliveredCallback.body>;
export type PaymentApprovedBody = Static<typeof paymentApprovedCallback.body>;
export type PaymentCanceledBody = Static<typeof paymentCanceledCallback.body>;
export type RefundSettledBody = Static<typeof refundSettledCallback.body>;
export type BalanceChangedBody = Static<typeof balanceChangedCallback.body>;
