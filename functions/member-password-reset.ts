import { memberPasswordReset } from '../lib/catalog/compiled/member-password-reset';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberPasswordReset);
