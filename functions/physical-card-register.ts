import { physicalCardRegister } from '../lib/catalog/compiled/physical-card-register';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(physicalCardRegister);
