import { autoRechargeAccountRegistration } from '../lib/catalog/compiled/auto-recharge-account-registration';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(autoRechargeAccountRegistration);
