/**
 * Platform events as the stage's EventBridge bus carries them (the events contract shared by the
 * callback receiver and the reconciler; README.md § Callbacks from the platform): `Source`
 * `konaplate.gateway`, `DetailType` the kind, `Detail` a PlatformEvent. Every kind is designed by
 * us: the platform publishes no callback catalog (protocol.md §5).
 */

export const EVENT_SOURCE = 'konaplate.gateway';

export const EVENT_KINDS = [
  'charge.settled',
  'payment.approved',
  'payment.cancelled',
  'refund.settled',
  'card.delivered',
  'balance.changed',
  'unknown',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

/** Who saw the fact: a callback the platform sent, or the reconciler asking the inquiry operations. */
export type EventOrigin = 'callback' | 'reconciler';

/** A money operation whose PENDING outcome settled; the catalog's op ids, as the money ledger names them. */
export type SettledOperation = 'chargeByBankAccount' | 'cancelChargeByBankAccount';

export type SettledOutcome = 'COMPLETED' | 'FAILED';

/** Business fields per kind. Never a secret; a card number only as its last 4; userId as decimal digits (ids reach 19 digits). */
export interface EventData {
  'charge.settled': {
    operation: SettledOperation;
    sequenceId: string;
    outcome: SettledOutcome;
    amount?: number;
    userId?: string;
    nrNumber?: string;
    /** The platform's code of a FAILED outcome, e.g. 007_004. */
    failureCode?: string;
  };
  'payment.approved': PaymentData;
  'payment.cancelled': PaymentData & {
    /** nrNumber of the payment this cancels. */
    originalNrNumber?: string;
  };
  'refund.settled': { sequenceId: string; outcome: SettledOutcome; amount: number; userId?: string };
  'card.delivered': { userId: string; cardApplicationId?: string; par?: string; physicalCardLast4?: string };
  'balance.changed': {
    userId: string;
    balance: number;
    par?: string;
    /** The transaction that moved the balance. */
    nrNumber?: string;
  };
  /** The decrypted body, masked (lib/mask.ts). */
  unknown: Record<string, unknown>;
}

export interface PaymentData {
  /** The platform's number of this transaction (the payment, or the cancel). */
  nrNumber?: string;
  /** The provider's id of an online payment. */
  transactionId?: string;
  approvalCode?: string;
  amount: number;
  merchantId?: string;
  merchantName?: string;
  userId?: string;
  par?: string;
}

/** The EventBridge `Detail` of every entry. */
export interface PlatformEvent<K extends EventKind = EventKind> {
  /** Stable: the same platform fact always gives the same key (lib/events/kinds.ts). */
  eventKey: string;
  kind: K;
  origin: EventOrigin;
  /** ISO 8601: when the platform says it happened, else when it was observed. */
  occurredAt: string;
  /** ISO 8601: when the gateway received or observed it. */
  receivedAt: string;
  /** X-KM-Correlation-Id of the callback that carried it. */
  correlationId?: string;
  /** The callback catalog is not public: every kind is designed by us. */
  designed: true;
  data: EventData[K];
}
