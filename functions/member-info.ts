import { memberInfo } from '../lib/catalog/operations/member-info';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberInfo);
