import { memberInfoUpdate } from '../lib/catalog/compiled/member-info-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberInfoUpdate);
