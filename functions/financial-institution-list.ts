import { financialInstitutionList } from '../lib/catalog/compiled/financial-institution-list';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(financialInstitutionList);
