/**
 * The money ledger in DynamoDB: every transition is one conditional write, so concurrent
 * containers agree on who owns a record. Table: partition key `id` (S); TTL attribute `expiresAt`.
 */
import {
  ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand,
  UpdateItemCommand, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { Claim, LedgerRecord, Ledger, LedgerState } from './ledger';

/** Records outlive every sensible retry of a caller; DynamoDB's TTL removes them afterwards. */
export const RECORD_TTL_SECONDS = 7 * 24 * 3600;

const s = (value: string): AttributeValue => ({ S: value });
const n = (value: number): AttributeValue => ({ N: String(value) });

function fromItem(item: Record<string, AttributeValue>): LedgerRecord {
  return {
    id: item.id!.S!,
    state: item.state!.S! as LedgerState,
    requestHash: item.requestHash!.S!,
    owner: item.owner!.S!,
    leaseUntil: Number(item.leaseUntil!.N),
    sentAt: Number(item.sentAt!.N),
    ...(item.result?.S !== undefined ? { result: item.result.S } : {}),
  };
}

async function conditional<T>(write: Promise<T>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export class DynamoLedger implements Ledger {
  constructor(private readonly table: string, private readonly client: DynamoDBClient = new DynamoDBClient({})) {}

  async claim(record: Omit<LedgerRecord, 'state' | 'sentAt'>): Promise<Claim> {
    const created: LedgerRecord = { ...record, state: 'IN_FLIGHT', sentAt: 0 };
    const put = this.client.send(new PutItemCommand({
      TableName: this.table,
      Item: {
        id: s(record.id), state: s('IN_FLIGHT'), requestHash: s(record.requestHash), owner: s(record.owner),
        leaseUntil: n(record.leaseUntil), sentAt: n(0), expiresAt: n(Math.floor(Date.now() / 1000) + RECORD_TTL_SECONDS),
      },
      ConditionExpression: 'attribute_not_exists(id)',
    }));
    if (await conditional(put)) return { claimed: true, record: created };
    const existing = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { id: s(record.id) }, ConsistentRead: true }));
    // Released between our write and our read: claim again.
    if (!existing.Item) return this.claim(record);
    return { claimed: false, record: fromItem(existing.Item) };
  }

  async markSent(id: string, owner: string, sentAt: number): Promise<void> {
    await conditional(this.client.send(new UpdateItemCommand({
      TableName: this.table,
      Key: { id: s(id) },
      UpdateExpression: 'SET sentAt = :sentAt',
      ConditionExpression: '#owner = :owner AND sentAt = :zero',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': s(owner), ':sentAt': n(sentAt), ':zero': n(0) },
    })));
  }

  async takeOver(id: string, owner: string, leaseUntil: number, now: number): Promise<LedgerRecord | undefined> {
    try {
      const answer = await this.client.send(new UpdateItemCommand({
        TableName: this.table,
        Key: { id: s(id) },
        UpdateExpression: 'SET #state = :inFlight, #owner = :owner, leaseUntil = :lease',
        ConditionExpression: '#state IN (:unknown, :pending) OR (#state = :inFlight AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':inFlight': s('IN_FLIGHT'), ':unknown': s('UNKNOWN'), ':pending': s('PENDING'),
          ':owner': s(owner), ':lease': n(leaseUntil), ':now': n(now),
        },
        ReturnValues: 'ALL_OLD',
      }));
      return answer.Attributes ? fromItem(answer.Attributes) : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  async finish(id: string, owner: string, state: Exclude<LedgerState, 'IN_FLIGHT'>, result?: string): Promise<void> {
    await conditional(this.client.send(new UpdateItemCommand({
      TableName: this.table,
      Key: { id: s(id) },
      UpdateExpression: result === undefined ? 'SET #state = :state' : 'SET #state = :state, #result = :result',
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner', ...(result === undefined ? {} : { '#result': 'result' }) },
      ExpressionAttributeValues: { ':state': s(state), ':owner': s(owner), ...(result === undefined ? {} : { ':result': s(result) }) },
    })));
  }

  async release(id: string, owner: string): Promise<void> {
    await conditional(this.client.send(new DeleteItemCommand({
      TableName: this.table,
      Key: { id: s(id) },
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': s(owner) },
    })));
  }
}
