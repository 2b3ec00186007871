import { termsList } from '../lib/catalog/operations/terms-list';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(termsList);
