import { thresholdAutoRechargeUpdate } from '../lib/catalog/compiled/threshold-auto-recharge-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(thresholdAutoRechargeUpdate);
