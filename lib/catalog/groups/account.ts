import type { Operation } from '../types';
import { bankAccountInquiry } from '../operations/bank-account-inquiry';

export { bankAccountInquiry };

/** Bank account operations (계좌). Add an operation: import it, export it, list it. */
export const ACCOUNT_OPERATIONS: readonly Operation[] = [bankAccountInquiry];
