import { chargeByBankAccount } from '../lib/catalog/compiled/charge-by-bank-account';
import { gatewayHandler } from '../lib/gateway-handler';
import { moneySafety } from '../lib/idempotency';

export const handler = gatewayHandler(chargeByBankAccount, moneySafety());
