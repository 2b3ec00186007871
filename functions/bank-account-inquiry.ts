import { bankAccountInquiry } from '../lib/catalog/compiled/bank-account-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountInquiry);
