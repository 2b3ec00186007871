import { memberPasswordVerify } from '../lib/catalog/compiled/member-password-verify';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberPasswordVerify);
