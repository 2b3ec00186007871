import { loginIdDuplicateCheck } from '../lib/catalog/compiled/login-id-duplicate-check';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(loginIdDuplicateCheck);
