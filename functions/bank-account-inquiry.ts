import { bankAccountInquiry } from '../lib/catalog/operations/bank-account-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(bankAccountInquiry);
