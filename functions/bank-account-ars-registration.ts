import { bankAccountArsRegistration } from '../lib/catalog/operations/bank-account-ars-registration';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountArsRegistration);
