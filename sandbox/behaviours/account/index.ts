import type { Behaviour } from '../behaviour';
import { bankAccountInquiryBehaviour } from './bank-account-inquiry';

export const ACCOUNT_BEHAVIOURS: readonly Behaviour[] = [bankAccountInquiryBehaviour];
