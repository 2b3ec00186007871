import { taxDeductionApply } from '../lib/catalog/compiled/tax-deduction-apply';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(taxDeductionApply);
