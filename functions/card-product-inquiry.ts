import { cardProductInquiry } from '../lib/catalog/compiled/card-product-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardProductInquiry);
