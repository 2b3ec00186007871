import { memberPasswordVerify } from '../lib/catalog/operations/member-password-verify';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberPasswordVerify);
