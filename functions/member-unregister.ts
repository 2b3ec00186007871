import { memberUnregister } from '../lib/catalog/compiled/member-unregister';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberUnregister);
