import { registeredBankAccountInfo } from '../lib/catalog/compiled/registered-bank-account-info';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(registeredBankAccountInfo);
