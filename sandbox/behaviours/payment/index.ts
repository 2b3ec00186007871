import type { Behaviour } from '../behaviour';
import { cancelChargeByBankAccountBehaviour } from './cancel-charge-by-bank-account';
import { cardTransactionHistoryBehaviour } from './card-transaction-history';
import { chargeByBankAccountBehaviour } from './charge-by-bank-account';
import { chargeResultInquiryBehaviour } from './charge-result-inquiry';
import { issueOneTimeTokenBehaviour } from './issue-one-time-token';

export const PAYMENT_BEHAVIOURS: readonly Behaviour[] = [
  issueOneTimeTokenBehaviour,
  chargeByBankAccountBehaviour,
  cancelChargeByBankAccountBehaviour,
  chargeResultInquiryBehaviour,
  cardTransactionHistoryBehaviour,
];
