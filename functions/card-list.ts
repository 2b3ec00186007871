import { cardList } from '../lib/catalog/compiled/card-list';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardList);
