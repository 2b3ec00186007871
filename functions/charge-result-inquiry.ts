import { chargeResultInquiry } from '../lib/catalog/compiled/charge-result-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(chargeResultInquiry);
