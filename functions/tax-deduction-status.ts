import { taxDeductionStatus } from '../lib/catalog/operations/tax-deduction-status';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(taxDeductionStatus);
