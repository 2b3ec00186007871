import { bankAccountHolderVerification } from '../lib/catalog/compiled/bank-account-holder-verification';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountHolderVerification);
