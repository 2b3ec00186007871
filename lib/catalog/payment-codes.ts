/** Result-code rows the bank-account charge and its cancellation share. */
import type { ResultCode } from './types';

export const NO_REGISTERED_ACCOUNT: ResultCode = { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account', documented: true };

/** Designed for both: the member is unknown to the platform (documented on the sibling member pages). */
export const WALLET_USER_NOT_FOUND: ResultCode = { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false };

/** Designed: the platform already knows the sequenceId, which says nothing about a failure (lib/money/flow.ts, protocol.md §7.3). */
export const SEQUENCE_ID_REUSED: ResultCode = {
  code: '007_101', http: 400, kind: 'conflict', meaning: 'sequenceId already used by another charge or cancel', documented: false, duplicateSequenceId: true,
};
