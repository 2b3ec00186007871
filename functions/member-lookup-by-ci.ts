import { memberLookupByCi } from '../lib/catalog/compiled/member-lookup-by-ci';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(memberLookupByCi);
