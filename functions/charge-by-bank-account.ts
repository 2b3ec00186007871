import { chargeByBankAccount } from '../lib/catalog/operations/charge-by-bank-account';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(chargeByBankAccount);
