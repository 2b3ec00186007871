import { termsAgreementUpdate } from '../lib/catalog/operations/terms-agreement-update';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(termsAgreementUpdate);
