import { autoRechargeAccountRegistration } from '../lib/catalog/operations/auto-recharge-account-registration';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(autoRechargeAccountRegistration);
