/** A local DynamoDB (dynalite, in memory) with the idempotency table (and `tables`): the one `npm start` runs. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
// @ts-expect-error plain ESM script shared with `npm start`
import { startLocalDynamoDb } from '../../sandbox/aws/dynamodb.mjs';

export interface LocalDynamo {
  url: string;
  client: DynamoDBClient;
  table: string;
  close: () => Promise<void>;
}

export async function startLocalDynamo(table = 'konaplate-idempotency', tables: readonly string[] = []): Promise<LocalDynamo> {
  const server = (await startLocalDynamoDb({ table, tables })) as { url: string; close: () => Promise<void> };
  const client = new DynamoDBClient({ endpoint: server.url, region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    url: server.url,
    client,
    table,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}
