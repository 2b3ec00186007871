import { memberInfo } from '../lib/catalog/compiled/member-info';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberInfo);
