import { cardVirtualAccountInquiry } from '../lib/catalog/compiled/card-virtual-account-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardVirtualAccountInquiry);
