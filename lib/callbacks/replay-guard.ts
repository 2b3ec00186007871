/**
 * The replay guard: a callback's X-KM-Correlation-Id is claimed once (a conditional write in the
 * events table, item `callback#<correlation id>`), so the same signed request sent again is refused.
 * The claim lives a little longer than any request could pass the time window: a request stamped T
 * passes until T + 5 minutes, and was first seen no earlier than T − 5 minutes, so 10 minutes
 * after the first sight it can no longer pass; 15 minutes leaves room for clock drift. A claim is
 * given back when the receiver fails on its own side, so the platform's retry is not taken for a replay.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

export const CORRELATION_CLAIM_SECONDS = 15 * 60;

export const correlationRecordId = (correlationId: string) => `callback#${correlationId}`;

export class ReplayGuard {
  constructor(
    readonly table: string,
    private readonly client: DynamoDBClient = new DynamoDBClient({}),
  ) {}

  /** True when this correlation id was not seen within the window; it is then taken by `owner`. */
  async claim(correlationId: string, owner: string, now: number): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({
        TableName: this.table,
        Item: {
          id: { S: correlationRecordId(correlationId) },
          owner: { S: owner },
          seenAt: { N: String(now) },
          expiresAt: { N: String(Math.floor(now / 1000) + CORRELATION_CLAIM_SECONDS) },
        },
        // A claim past its expiry that DynamoDB's TTL has not removed yet does not count.
        ConditionExpression: 'attribute_not_exists(id) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': { N: String(Math.floor(now / 1000)) } },
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async release(correlationId: string, owner: string): Promise<void> {
    await this.client.send(new DeleteItemCommand({
      TableName: this.table,
      Key: { id: { S: correlationRecordId(correlationId) } },
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': { S: owner } },
    })).catch(() => undefined);
  }
}
