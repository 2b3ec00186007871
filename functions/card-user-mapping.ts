import { cardUserMapping } from '../lib/catalog/compiled/card-user-mapping';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardUserMapping);
