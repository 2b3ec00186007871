import { cardProductInquiry } from '../lib/catalog/operations/card-product-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardProductInquiry);
