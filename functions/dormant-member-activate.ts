import { dormantMemberActivate } from '../lib/catalog/compiled/dormant-member-activate';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(dormantMemberActivate);
