import { cardDeliveryStatus } from '../lib/catalog/compiled/card-delivery-status';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardDeliveryStatus);
