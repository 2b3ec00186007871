import { cancelChargeByBankAccount } from '../lib/catalog/compiled/cancel-charge-by-bank-account';
import { gatewayHandler } from '../lib/gateway-handler';
import { moneySafety } from '../lib/idempotency';

export const handler = gatewayHandler(cancelChargeByBankAccount, moneySafety());
