/** The money ledger a container uses: the money functions' and the sweeper's. */
import { config } from '../config';
import { logger } from '../log';
import { DynamoLedger } from './dynamodb-ledger';
import { MemoryLedger, type Ledger } from './ledger';

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
