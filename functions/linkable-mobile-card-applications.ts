import { linkableMobileCardApplications } from '../lib/catalog/operations/linkable-mobile-card-applications';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(linkableMobileCardApplications);
