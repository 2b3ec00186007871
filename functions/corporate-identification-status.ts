import { corporateIdentificationStatus } from '../lib/catalog/compiled/corporate-identification-status';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(corporateIdentificationStatus);
