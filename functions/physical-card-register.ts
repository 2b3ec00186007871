import { physicalCardRegister } from '../lib/catalog/operations/physical-card-register';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(physicalCardRegister);
