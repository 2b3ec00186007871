import { memberInfoUpdate } from '../lib/catalog/operations/member-info-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberInfoUpdate);
