import type { Operation } from '../types';
import { arsAuthNumberGeneration } from '../operations/ars-auth-number-generation';
import { autoRechargeAccountRegistration } from '../operations/auto-recharge-account-registration';
import { bankAccountArsRegistration } from '../operations/bank-account-ars-registration';
import { bankAccountDeletion } from '../operations/bank-account-deletion';
import { bankAccountHolderVerification } from '../operations/bank-account-holder-verification';
import { bankAccountInquiry } from '../operations/bank-account-inquiry';
import { bankAccountRegistrationStatus } from '../operations/bank-account-registration-status';
import { financialInstitutionList } from '../operations/financial-institution-list';
import { individualBalanceLimitIncrease } from '../operations/individual-balance-limit-increase';
import { registeredBankAccountInfo } from '../operations/registered-bank-account-info';
import { thresholdAutoRechargeUpdate } from '../operations/threshold-auto-recharge-update';

export {
  arsAuthNumberGeneration,
  autoRechargeAccountRegistration,
  bankAccountArsRegistration,
  bankAccountDeletion,
  bankAccountHolderVerification,
  bankAccountInquiry,
  bankAccountRegistrationStatus,
  financialInstitutionList,
  individualBalanceLimitIncrease,
  registeredBankAccountInfo,
  thresholdAutoRechargeUpdate,
};

/** Bank account operations (계좌). Add an operation: import it, export it, list it. */
export const ACCOUNT_OPERATIONS: readonly Operation[] = [
  financialInstitutionList,
  bankAccountHolderVerification,
  arsAuthNumberGeneration,
  bankAccountArsRegistration,
  bankAccountRegistrationStatus,
  individualBalanceLimitIncrease,
  registeredBankAccountInfo,
  bankAccountInquiry,
  autoRechargeAccountRegistration,
  bankAccountDeletion,
  thresholdAutoRechargeUpdate,
];
