import { memberPasswordReset } from '../lib/catalog/operations/member-password-reset';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberPasswordReset);
