import { chargeResultInquiry } from '../lib/catalog/operations/charge-result-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(chargeResultInquiry);
