import { termsAgreementUpdate } from '../lib/catalog/compiled/terms-agreement-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(termsAgreementUpdate);
