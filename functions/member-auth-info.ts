import { memberAuthInfo } from '../lib/catalog/compiled/member-auth-info';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberAuthInfo);
