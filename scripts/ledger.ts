// `npm run ledger -- open (--stage <stage> [--region <region>] | --local)`: the money records still
// open, from the ledger's index of open records (scripts/ledger-listing.ts, docs/operations.md).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoLedger } from '../lib/money/dynamodb-ledger';
import type { OpenRecord } from '../lib/money/ledger';
import { LedgerCommandError, ledgerTarget, openRecordsTable } from './ledger-listing';

async function main(argv: string[]): Promise<void> {
  let client: DynamoDBClient | undefined;
  try {
    const target = ledgerTarget(argv, process.env);
    client = new DynamoDBClient({
      ...(target.region ? { region: target.region } : {}),
      ...(target.endpoint ? { endpoint: target.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
    const records: OpenRecord[] = [];
    for await (const record of new DynamoLedger(target.table, client).listOpen()) records.push(record);
    for (const line of openRecordsTable(target.table, records, Date.now())) console.log(line);
  } catch (error) {
    // AWS errors name the problem (AccessDenied, ResourceNotFoundException, no region …).
    const message = error instanceof LedgerCommandError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
    console.error(`npm run ledger: ${message}`);
    process.exitCode = error instanceof LedgerCommandError ? 2 : 1;
  } finally {
    client?.destroy();
  }
}

void main(process.argv.slice(2));
