import { cardTerminate } from '../lib/catalog/operations/card-terminate';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardTerminate);
