import { memberUnregister } from '../lib/catalog/operations/member-unregister';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberUnregister);
