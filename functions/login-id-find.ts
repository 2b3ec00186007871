import { loginIdFind } from '../lib/catalog/operations/login-id-find';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(loginIdFind);
