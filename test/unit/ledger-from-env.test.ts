/** Which ledger a money function gets: the DynamoDB table when configured, this container's memory otherwise. */
import { DynamoLedger } from '../../lib/money/dynamodb-ledger';
import { MemoryLedger } from '../../lib/money/ledger';

function freshLedger(table: string | undefined) {
  const saved = process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  if (table === undefined) delete process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  else process.env.KONAPLATE_IDEMPOTENCY_TABLE = table;
  try {
    let ledger: unknown;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ledger = (require('../../lib/money/container-ledger') as typeof import('../../lib/money/container-ledger')).containerLedger();
    });
    return ledger;
  } finally {
    if (saved === undefined) delete process.env.KONAPLATE_IDEMPOTENCY_TABLE;
    else process.env.KONAPLATE_IDEMPOTENCY_TABLE = saved;
  }
}

it('uses the DynamoDB table named by KONAPLATE_IDEMPOTENCY_TABLE', () => {
  expect((freshLedger('konaplate-idempotency') as object).constructor.name).toBe(DynamoLedger.name);
});

it('falls back to this container\'s memory, with a warning, when no table is configured', () => {
  expect((freshLedger(undefined) as object).constructor.name).toBe(MemoryLedger.name);
});
