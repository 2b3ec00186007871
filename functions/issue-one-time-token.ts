import { issueOneTimeToken } from '../lib/catalog/operations/issue-one-time-token';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(issueOneTimeToken);
