import { termsList } from '../lib/catalog/compiled/terms-list';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(termsList);
