import { cancelChargeByBankAccount } from '../lib/catalog/operations/cancel-charge-by-bank-account';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cancelChargeByBankAccount);
