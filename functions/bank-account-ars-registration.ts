import { bankAccountArsRegistration } from '../lib/catalog/compiled/bank-account-ars-registration';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountArsRegistration);
