import { userRegister } from '../lib/catalog/compiled/user-register';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(userRegister);
