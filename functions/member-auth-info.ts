import { memberAuthInfo } from '../lib/catalog/operations/member-auth-info';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberAuthInfo);
