import { financialInstitutionList } from '../lib/catalog/operations/financial-institution-list';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(financialInstitutionList);
