import { userRegister } from '../lib/catalog/operations/user-register';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(userRegister);
