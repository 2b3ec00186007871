import { cardApplicationCancel } from '../lib/catalog/compiled/card-application-cancel';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardApplicationCancel);
