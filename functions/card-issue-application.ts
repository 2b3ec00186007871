import { cardIssueApplication } from '../lib/catalog/compiled/card-issue-application';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardIssueApplication);
