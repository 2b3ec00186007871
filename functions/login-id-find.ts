import { loginIdFind } from '../lib/catalog/compiled/login-id-find';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(loginIdFind);
