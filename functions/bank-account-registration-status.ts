import { bankAccountRegistrationStatus } from '../lib/catalog/compiled/bank-account-registration-status';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountRegistrationStatus);
