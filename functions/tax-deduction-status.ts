import { taxDeductionStatus } from '../lib/catalog/compiled/tax-deduction-status';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(taxDeductionStatus);
