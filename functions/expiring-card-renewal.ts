import { expiringCardRenewal } from '../lib/catalog/compiled/expiring-card-renewal';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(expiringCardRenewal);
