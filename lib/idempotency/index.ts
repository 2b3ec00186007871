/**
 * What a money function adds to its handler: `gatewayHandler(op, moneySafety())`. Kept out of
 * lib/gateway-handler.ts so only money functions bundle the DynamoDB client.
 */
import { configurationError } from '../errors';
import type { GatewayDependencies } from '../gateway-handler';
import { callMoneyOperation, DEFAULT_SETTLE_MS } from '../upstream/money';
import { DynamoIdempotencyStore } from './dynamodb-store';
import type { IdempotencyStore } from './store';

export type { IdempotencyStore } from './store';

let shared: IdempotencyStore | undefined;

/** The container's ledger in the DynamoDB table named by KONAPLATE_IDEMPOTENCY_TABLE. */
export function ledgerFromEnv(): IdempotencyStore {
  if (shared) return shared;
  const table = process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  if (!table) throw configurationError('KONAPLATE_IDEMPOTENCY_TABLE is not set: money operations need their idempotency table');
  shared = new DynamoIdempotencyStore(table);
  return shared;
}

export function settleMsFromEnv(): number {
  const value = Number(process.env.KONAPLATE_SETTLE_MS ?? DEFAULT_SETTLE_MS);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_SETTLE_MS;
}

export function moneySafety(ledger: () => IdempotencyStore = ledgerFromEnv, settleMs: () => number = settleMsFromEnv): GatewayDependencies {
  return { money: { ledger, settleMs, call: callMoneyOperation } };
}
