/**
 * What a money function adds to its handler: `gatewayHandler(op, moneySafety())`. Kept out of
 * lib/gateway-handler.ts so only money functions bundle the DynamoDB client.
 */
import { logger } from '../log';
import type { GatewayDependencies } from '../gateway-handler';
import { callMoneyOperation, DEFAULT_SETTLE_MS } from '../upstream/money';
import { DynamoIdempotencyStore } from './dynamodb-store';
import { MemoryIdempotencyStore, type IdempotencyStore } from './store';

export type { IdempotencyStore } from './store';

let shared: IdempotencyStore | undefined;

/**
 * The container's ledger in the DynamoDB table named by KONAPLATE_IDEMPOTENCY_TABLE (serverless.yml
 * always sets it). Without one (a bare harness), the ledger lives in this container's memory: retries
 * reaching this container are still caught and lost answers still asked about, but duplicates landing
 * on another container are not, so it says so loudly.
 */
export function ledgerFromEnv(): IdempotencyStore {
  if (shared) return shared;
  const table = process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  if (table) {
    shared = new DynamoIdempotencyStore(table);
  } else {
    logger.warn('KONAPLATE_IDEMPOTENCY_TABLE is not set: the money ledger is in this container only; set the table in any real deployment');
    shared = new MemoryIdempotencyStore();
  }
  return shared;
}

export function settleMsFromEnv(): number {
  const value = Number(process.env.KONAPLATE_SETTLE_MS ?? DEFAULT_SETTLE_MS);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_SETTLE_MS;
}

export function moneySafety(ledger: () => IdempotencyStore = ledgerFromEnv, settleMs: () => number = settleMsFromEnv): GatewayDependencies {
  return { money: { ledger, settleMs, call: callMoneyOperation } };
}
