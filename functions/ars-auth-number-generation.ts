import { arsAuthNumberGeneration } from '../lib/catalog/compiled/ars-auth-number-generation';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(arsAuthNumberGeneration);
