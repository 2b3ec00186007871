import { expiringCardRenewal } from '../lib/catalog/operations/expiring-card-renewal';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(expiringCardRenewal);
