import { cardTerminate } from '../lib/catalog/compiled/card-terminate';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardTerminate);
