import type { Behaviour } from '../behaviour';
import { taxDeductionApplyBehaviour } from './tax-deduction-apply';
import { taxDeductionStatusBehaviour } from './tax-deduction-status';

export const TAX_BEHAVIOURS: readonly Behaviour[] = [taxDeductionApplyBehaviour, taxDeductionStatusBehaviour];
