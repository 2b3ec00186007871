import type { Operation } from '../types';
import { cancelChargeByBankAccount } from '../operations/cancel-charge-by-bank-account';
import { cardTransactionHistory } from '../operations/card-transaction-history';
import { chargeByBankAccount } from '../operations/charge-by-bank-account';
import { chargeResultInquiry } from '../operations/charge-result-inquiry';
import { issueOneTimeToken } from '../operations/issue-one-time-token';

export { cancelChargeByBankAccount, cardTransactionHistory, chargeByBankAccount, chargeResultInquiry, issueOneTimeToken };

/** Payment operations (결제/충전). Add an operation: import it, export it, list it. */
export const PAYMENT_OPERATIONS: readonly Operation[] = [
  issueOneTimeToken,
  chargeByBankAccount,
  cancelChargeByBankAccount,
  chargeResultInquiry,
  cardTransactionHistory,
];
