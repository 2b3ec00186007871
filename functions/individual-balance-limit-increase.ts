import { individualBalanceLimitIncrease } from '../lib/catalog/operations/individual-balance-limit-increase';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(individualBalanceLimitIncrease);
