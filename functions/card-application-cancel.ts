import { cardApplicationCancel } from '../lib/catalog/operations/card-application-cancel';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardApplicationCancel);
