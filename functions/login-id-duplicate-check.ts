import { loginIdDuplicateCheck } from '../lib/catalog/operations/login-id-duplicate-check';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(loginIdDuplicateCheck);
