/**
 * The handler of a money operation: `moneyHandler(op)`, the chain of every handler
 * (lib/gateway-handler.ts) with the money flow (./flow.ts) as its last step. Only money functions
 * import this folder, so only they bundle the DynamoDB client.
 */
import type { GatewayOperation } from '../catalog/types';
import { config } from '../config';
import { buildHandler, type GatewayDependencies } from '../gateway-handler';
import { logger } from '../log';
import { DynamoLedger } from './dynamodb-ledger';
import { callMoneyOperation } from './flow';
import { MemoryLedger, type Ledger } from './ledger';

export interface MoneyDependencies extends GatewayDependencies {
  ledger?: () => Ledger;
  settleMs?: () => number;
}

let shared: Ledger | undefined;

/**
 * The container's ledger in the DynamoDB table named by KONAPLATE_IDEMPOTENCY_TABLE (serverless.yml
 * always sets it). Without one (a bare harness), the ledger lives in this container's memory: retries
 * reaching this container are still caught and lost answers still asked about, but duplicates landing
 * on another container are not, so it says so loudly.
 */
export function containerLedger(): Ledger {
  if (shared) return shared;
  const table = config().ledgerTable;
  if (table) {
    shared = new DynamoLedger(table);
  } else {
    logger.warn('KONAPLATE_IDEMPOTENCY_TABLE is not set: the money ledger is in this container only; set the table in any real deployment');
    shared = new MemoryLedger();
  }
  return shared;
}

/** A charge or a cancel: claimed in the ledger, sent at most once, its lost answer asked for (./flow.ts). */
export function moneyHandler(op: GatewayOperation<'money'>, deps: MoneyDependencies = {}) {
  const ledger = deps.ledger ?? containerLedger;
  const settleMs = deps.settleMs ?? (() => config().settleMs);
  return buildHandler(op, deps, (input, policy) =>
    callMoneyOperation(op, input as Record<string, unknown>, { ...policy, ledger: ledger(), settleMs: settleMs() }));
}
