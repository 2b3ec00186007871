import { cardUserMapping } from '../lib/catalog/operations/card-user-mapping';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardUserMapping);
