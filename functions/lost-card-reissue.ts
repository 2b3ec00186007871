import { lostCardReissue } from '../lib/catalog/compiled/lost-card-reissue';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(lostCardReissue);
