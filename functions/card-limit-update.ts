import { cardLimitUpdate } from '../lib/catalog/compiled/card-limit-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardLimitUpdate);
