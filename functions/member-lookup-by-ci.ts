import { memberLookupByCi } from '../lib/catalog/operations/member-lookup-by-ci';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberLookupByCi);
