import { corporateBalanceLimitIncrease } from '../lib/catalog/compiled/corporate-balance-limit-increase';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(corporateBalanceLimitIncrease);
