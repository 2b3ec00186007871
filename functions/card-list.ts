import { cardList } from '../lib/catalog/operations/card-list';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardList);
