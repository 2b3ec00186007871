import { individualBalanceLimitIncrease } from '../lib/catalog/compiled/individual-balance-limit-increase';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(individualBalanceLimitIncrease);
