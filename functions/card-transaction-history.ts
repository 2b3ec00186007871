import { cardTransactionHistory } from '../lib/catalog/compiled/card-transaction-history';
import { gatewayHandler } from '../lib/gateway-handler';

export const handler = gatewayHandler(cardTransactionHistory);
