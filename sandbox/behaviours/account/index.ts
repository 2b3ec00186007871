import type { Behaviour } from '../behaviour';
import { arsAuthNumberGenerationBehaviour } from './ars-auth-number-generation';
import { autoRechargeAccountRegistrationBehaviour } from './auto-recharge-account-registration';
import { bankAccountArsRegistrationBehaviour } from './bank-account-ars-registration';
import { bankAccountDeletionBehaviour } from './bank-account-deletion';
import { bankAccountHolderVerificationBehaviour } from './bank-account-holder-verification';
import { bankAccountInquiryBehaviour } from './bank-account-inquiry';
import { bankAccountRegistrationStatusBehaviour } from './bank-account-registration-status';
import { financialInstitutionListBehaviour } from './financial-institution-list';
import { individualBalanceLimitIncreaseBehaviour } from './individual-balance-limit-increase';
import { registeredBankAccountInfoBehaviour } from './registered-bank-account-info';
import { thresholdAutoRechargeUpdateBehaviour } from './threshold-auto-recharge-update';

export const ACCOUNT_BEHAVIOURS: readonly Behaviour[] = [
  financialInstitutionListBehaviour,
  bankAccountHolderVerificationBehaviour,
  arsAuthNumberGenerationBehaviour,
  bankAccountArsRegistrationBehaviour,
  bankAccountRegistrationStatusBehaviour,
  individualBalanceLimitIncreaseBehaviour,
  registeredBankAccountInfoBehaviour,
  bankAccountInquiryBehaviour,
  autoRechargeAccountRegistrationBehaviour,
  bankAccountDeletionBehaviour,
  thresholdAutoRechargeUpdateBehaviour,
];
