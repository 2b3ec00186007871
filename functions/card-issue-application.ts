import { cardIssueApplication } from '../lib/catalog/operations/card-issue-application';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardIssueApplication);
