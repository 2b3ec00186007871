import { corporateBalanceLimitIncrease } from '../lib/catalog/operations/corporate-balance-limit-increase';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(corporateBalanceLimitIncrease);
