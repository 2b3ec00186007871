import { bankAccountDeletion } from '../lib/catalog/compiled/bank-account-deletion';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountDeletion);
