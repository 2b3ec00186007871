import { linkableMobileCardApplications } from '../lib/catalog/compiled/linkable-mobile-card-applications';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(linkableMobileCardApplications);
