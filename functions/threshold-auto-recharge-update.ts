import { thresholdAutoRechargeUpdate } from '../lib/catalog/operations/threshold-auto-recharge-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(thresholdAutoRechargeUpdate);
