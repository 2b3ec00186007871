/** Which ledger a money function gets: the DynamoDB table when configured, this container's memory otherwise. */
import { DynamoIdempotencyStore } from '../../lib/idempotency/dynamodb-store';
import { MemoryIdempotencyStore } from '../../lib/idempotency/store';

function freshLedger(table: string | undefined) {
  const saved = process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  if (table === undefined) delete process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  else process.env.KONAPLATE_IDEMPOTENCY_TABLE = table;
  try {
    let ledger: unknown;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ledger = (require('../../lib/idempotency') as typeof import('../../lib/idempotency')).ledgerFromEnv();
    });
    return ledger;
  } finally {
    if (saved === undefined) delete process.env.KONAPLATE_IDEMPOTENCY_TABLE;
    else process.env.KONAPLATE_IDEMPOTENCY_TABLE = saved;
  }
}

it('uses the DynamoDB table named by KONAPLATE_IDEMPOTENCY_TABLE', () => {
  expect((freshLedger('konaplate-idempotency') as object).constructor.name).toBe(DynamoIdempotencyStore.name);
});

it('falls back to this container\'s memory, with a warning, when no table is configured', () => {
  expect((freshLedger(undefined) as object).constructor.name).toBe(MemoryIdempotencyStore.name);
});
