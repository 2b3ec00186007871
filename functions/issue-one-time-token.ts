import { issueOneTimeToken } from '../lib/catalog/compiled/issue-one-time-token';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(issueOneTimeToken);
