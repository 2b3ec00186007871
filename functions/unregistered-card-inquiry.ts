import { unregisteredCardInquiry } from '../lib/catalog/compiled/unregistered-card-inquiry';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(unregisteredCardInquiry);
