/** Result-code rows the bank-account charge and its cancellation share. */
import type { ResultCode } from './types';

export const NO_REGISTERED_ACCOUNT: ResultCode = { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account', documented: true };

/** Designed for both: the member is unknown to the platform (documented on the sibling member pages). */
export const WALLET_USER_NOT_FOUND: ResultCode = { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false };

/** Designed: the platform already knows the sequenceId, which says nothing about a failure (lib/money/flow.ts, protocol.md §7.3). */
export const SEQUENCE_ID_REUSED: ResultCode = {
  code: '007_101', http: 400, kind: 'conflict', meaning: 'sequenceId already used by another charge or cancel', documented: false, duplicateKey: true,
};

/**
 * The card payment's refusals (payment page, group 33400402287480001): what the approval server
 * answers for the card, the amount and the merchant. The list on the page may go on after 006_012.
 */
export const PAYMENT_REFUSALS: readonly ResultCode[] = [
  { code: '006_005', http: 400, kind: 'rejected', meaning: 'The card cannot be used through this POS entry mode', documented: true },
  { code: '006_006', http: 400, kind: 'rejected', meaning: 'Invalid transaction (terminal time wrong)', documented: true },
  { code: '006_007', http: 400, kind: 'rejected', meaning: 'Invalid amount: balance insufficient', documented: true },
  { code: '006_008', http: 400, kind: 'rejected', meaning: 'Invalid card number', documented: true },
  { code: '006_009', http: 400, kind: 'platform_invalid_input', meaning: 'Request format error', documented: true },
  { code: '006_010', http: 400, kind: 'rejected', meaning: 'Over the limit: more than may be paid, charged or refunded', documented: true },
  { code: '006_011', http: 400, kind: 'rejected', meaning: 'Expired card', documented: true },
  { code: '006_012', http: 400, kind: 'rejected', meaning: 'Transaction not permitted', documented: true },
];

/** Designed: the platform already knows the payment's transactionId (lib/money/flow.ts learns what became of it). */
export const TRANSACTION_ID_REUSED: ResultCode = {
  code: '006_101', http: 400, kind: 'conflict', meaning: 'transactionId already used by another payment', documented: false, duplicateKey: true,
};

/** Designed: the cancel names no payment of the card (by nrNumber), or one already cancelled. */
export const PAYMENT_NOT_FOUND: ResultCode = { code: '006_102', http: 400, kind: 'not_found', meaning: 'No payment with this nrNumber on this card', documented: false };
export const PAYMENT_ALREADY_CANCELLED: ResultCode = {
  code: '006_103', http: 400, kind: 'conflict', meaning: 'The payment is already cancelled', documented: false, duplicateKey: true,
};

/** The refund of a card balance to the member's account (refund page, group 33400735475150001). */
export const REFUND_REFUSALS: readonly ResultCode[] = [
  { code: '009_001', http: 400, kind: 'rejected', meaning: 'No refund account of the member (bank account is null)', documented: true },
  { code: '009_002', http: 400, kind: 'rejected', meaning: 'Refund amount over the monthly limit', documented: true },
  { code: '009_003', http: 400, kind: 'rejected', meaning: 'Refund count over the monthly limit', documented: true },
  { code: '009_004', http: 400, kind: 'rejected', meaning: 'Refund denied', documented: true },
];

/** Designed: the platform already knows the refund's sequenceId. */
export const REFUND_SEQUENCE_ID_REUSED: ResultCode = {
  code: '009_101', http: 400, kind: 'conflict', meaning: 'sequenceId already used by another refund', documented: false, duplicateKey: true,
};
