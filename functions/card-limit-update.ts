import { cardLimitUpdate } from '../lib/catalog/operations/card-limit-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardLimitUpdate);
