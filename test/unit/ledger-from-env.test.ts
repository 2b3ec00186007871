/** Which ledger a money function gets: the DynamoDB table when configured, this container's memory otherwise. */
import { DynamoLedger } from '../../lib/money/dynamodb-ledger';
import { MemoryLedger } from '../../lib/money/ledger';

type LedgerModule = typeof import('../../lib/money/container-ledger');

/** A container that loaded the container's ledger module afresh with KONAPLATE_IDEMPOTENCY_TABLE set to `table`. */
function container(table: string | undefined): LedgerModule {
  const saved = process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  if (table === undefined) delete process.env.KONAPLATE_IDEMPOTENCY_TABLE;
  else process.env.KONAPLATE_IDEMPOTENCY_TABLE = table;
  try {
    let loaded!: LedgerModule;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('../../lib/money/container-ledger') as LedgerModule;
    });
    return loaded;
  } finally {
    if (saved === undefined) delete process.env.KONAPLATE_IDEMPOTENCY_TABLE;
    else process.env.KONAPLATE_IDEMPOTENCY_TABLE = saved;
  }
}

// Loaded before the tests, not in them: the mutation run counts what a test runs, and modules loaded
// inside a test would make every module constant of the gateway look reached by this test alone
// (docs/mutation-testing.md).
let withTable: LedgerModule;
let withoutTable: LedgerModule;
beforeAll(() => {
  withTable = container('konaplate-idempotency');
  withoutTable = container(undefined);
});

it('uses the DynamoDB table named by KONAPLATE_IDEMPOTENCY_TABLE, the same one for every invocation of the container', () => {
  const ledger = withTable.containerLedger();
  expect(ledger.constructor.name).toBe(DynamoLedger.name);
  expect(withTable.containerLedger()).toBe(ledger);
});

it('falls back to this container\'s memory, with a warning, when no table is configured', () => {
  expect(withoutTable.containerLedger().constructor.name).toBe(MemoryLedger.name);
});
