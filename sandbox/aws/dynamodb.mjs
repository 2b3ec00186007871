// The local DynamoDB for the idempotency ledger and the events table: dynalite in memory on
// 127.0.0.1, with the tables serverless.yml declares for AWS. Used by `npm start`
// (scripts/local-stack.mjs) and the tests.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A table as serverless.yml declares both (the ledger, the events table): partition key `id`, on-demand. */
export async function createKeyedTable(client, table, CreateTableCommand) {
  await client.send(new CreateTableCommand({
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
}

/** Starts dynalite on host:port with the table (and `tables`, e.g. the events table) created; resolves to { url, close }. */
export async function startLocalDynamoDb({ host = '127.0.0.1', port = 0, table, tables = [] }) {
  const dynalite = require('dynalite');
  const { DynamoDBClient, CreateTableCommand } = require('@aws-sdk/client-dynamodb');
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  const client = new DynamoDBClient({ endpoint: url, region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (const name of [table, ...tables]) await createKeyedTable(client, name, CreateTableCommand);
  client.destroy();
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
