import { cardStatusChange } from '../lib/catalog/compiled/card-status-change';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardStatusChange);
