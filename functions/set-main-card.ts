import { setMainCard } from '../lib/catalog/compiled/set-main-card';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(setMainCard);
