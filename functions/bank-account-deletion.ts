import { bankAccountDeletion } from '../lib/catalog/operations/bank-account-deletion';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountDeletion);
