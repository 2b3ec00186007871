import { cardVirtualAccountInquiry } from '../lib/catalog/operations/card-virtual-account-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardVirtualAccountInquiry);
