import type { Operation } from '../types';
import { taxDeductionApply } from '../operations/tax-deduction-apply';
import { taxDeductionStatus } from '../operations/tax-deduction-status';

export { taxDeductionApply, taxDeductionStatus };

/** Income tax deduction operations (소득공제). Add an operation: import it, export it, list it. */
export const TAX_OPERATIONS: readonly Operation[] = [taxDeductionApply, taxDeductionStatus];
