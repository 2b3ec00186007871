/**
 * The money ledger in DynamoDB: every transition is one conditional write, so concurrent
 * containers agree on who owns a record. Table: partition key `id` (S); TTL attribute `expiresAt`,
 * set only once a record is DONE (an open record never expires); a sparse global secondary index
 * `open-records` (partition `open`, sort `createdAt`) holds exactly the records not DONE, because
 * `open` is written with the claim and removed when the record is DONE: the sweeper and
 * `npm run ledger -- open` query it instead of scanning the table. Lock items (`lock#…`, holding
 * the id of the record that holds them) sit beside the records, outside that index.
 */
import {
  ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand,
  UpdateItemCommand, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { Claim, Ledger, LedgerRecord, LedgerState, NewRecord, OpenRecord } from './ledger';

/** Records outlive every sensible retry of a caller once DONE; DynamoDB's TTL removes them afterwards. */
export const RECORD_TTL_SECONDS = 7 * 24 * 3600;

/** The sparse index of open records, as serverless.yml and the local table declare it. */
export const OPEN_RECORDS_INDEX = 'open-records';
/** The one value of `open`: every open record in one index partition, sorted by age (they are few). */
export const OPEN_MARK = 'OPEN';
/** What the index carries besides its keys and the table's: what a listing shows. */
export const OPEN_RECORDS_PROJECTION = ['state', 'sentAt', 'leaseUntil'];

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
    // Records written before createdAt existed count as created when first sent.
    createdAt: Number(item.createdAt?.N ?? item.sentAt!.N),
    ...(item.facts?.S !== undefined ? { facts: item.facts.S } : {}),
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

  async claim(record: NewRecord): Promise<Claim> {
    const createdAt = record.createdAt ?? Date.now();
    const created: LedgerRecord = { ...record, state: 'IN_FLIGHT', sentAt: 0, createdAt };
    const put = this.client.send(new PutItemCommand({
      TableName: this.table,
      Item: {
        id: s(record.id), state: s('IN_FLIGHT'), requestHash: s(record.requestHash), owner: s(record.owner),
        leaseUntil: n(record.leaseUntil), sentAt: n(0), createdAt: n(createdAt), open: s(OPEN_MARK),
        ...(record.facts !== undefined ? { facts: s(record.facts) } : {}),
      },
      ConditionExpression: 'attribute_not_exists(id)',
    }));
    if (await conditional(put)) return { claimed: true, record: created };
    const existing = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { id: s(record.id) }, ConsistentRead: true }));
    // Released between our write and our read: claim again.
    if (!existing.Item) return this.claim(record);
    return { claimed: false, record: fromItem(existing.Item) };
  }

  async markSent(id: string, owner: string, sentAt: number, facts?: string): Promise<boolean> {
    return conditional(this.client.send(new UpdateItemCommand({
      TableName: this.table,
      Key: { id: s(id) },
      UpdateExpression: facts === undefined ? 'SET sentAt = :sentAt' : 'SET sentAt = :sentAt, facts = :facts',
      ConditionExpression: '#owner = :owner AND sentAt = :zero',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': s(owner), ':sentAt': n(sentAt), ':zero': n(0), ...(facts === undefined ? {} : { ':facts': s(facts) }) },
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

  async finish(id: string, owner: string, state: Exclude<LedgerState, 'IN_FLIGHT'>, result?: string): Promise<boolean> {
    const done = state === 'DONE';
    const sets = ['#state = :state', ...(result === undefined ? [] : ['#result = :result']), ...(done ? ['expiresAt = :expiresAt'] : [])];
    return conditional(this.client.send(new UpdateItemCommand({
      TableName: this.table,
      Key: { id: s(id) },
      // A DONE record leaves the index of open records and may expire from then on.
      UpdateExpression: `SET ${sets.join(', ')}${done ? ' REMOVE #open' : ''}`,
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: {
        '#state': 'state', '#owner': 'owner', ...(result === undefined ? {} : { '#result': 'result' }), ...(done ? { '#open': 'open' } : {}),
      },
      ExpressionAttributeValues: {
        ':state': s(state), ':owner': s(owner), ...(result === undefined ? {} : { ':result': s(result) }),
        ...(done ? { ':expiresAt': n(Math.floor(Date.now() / 1000) + RECORD_TTL_SECONDS) } : {}),
      },
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

  async read(id: string): Promise<LedgerRecord | undefined> {
    const found = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { id: s(id) }, ConsistentRead: true }));
    return found.Item ? fromItem(found.Item) : undefined;
  }

  async hold(lockId: string, holder: string): Promise<string> {
    const put = this.client.send(new PutItemCommand({
      TableName: this.table,
      Item: { id: s(lockId), holder: s(holder) },
      ConditionExpression: 'attribute_not_exists(id) OR holder = :holder',
      ExpressionAttributeValues: { ':holder': s(holder) },
    }));
    if (await conditional(put)) return holder;
    const found = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { id: s(lockId) }, ConsistentRead: true }));
    // Let go of between our write and our read: hold it again.
    return found.Item?.holder?.S ?? this.hold(lockId, holder);
  }

  async handOver(lockId: string, from: string, to: string): Promise<boolean> {
    return conditional(this.client.send(new UpdateItemCommand({
      TableName: this.table,
      Key: { id: s(lockId) },
      UpdateExpression: 'SET holder = :to',
      ConditionExpression: 'holder = :from',
      ExpressionAttributeValues: { ':from': s(from), ':to': s(to) },
    })));
  }

  async letGo(lockId: string, holder: string): Promise<void> {
    await conditional(this.client.send(new DeleteItemCommand({
      TableName: this.table,
      Key: { id: s(lockId) },
      ConditionExpression: 'holder = :holder',
      ExpressionAttributeValues: { ':holder': s(holder) },
    })));
  }

  async *listOpen(): AsyncIterable<OpenRecord> {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.table,
        IndexName: OPEN_RECORDS_INDEX,
        KeyConditionExpression: '#open = :open',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':open': s(OPEN_MARK) },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }));
      for (const item of page.Items ?? []) {
        yield {
          id: item.id!.S!,
          state: item.state!.S! as LedgerState,
          sentAt: Number(item.sentAt?.N ?? 0),
          createdAt: Number(item.createdAt!.N),
          leaseUntil: Number(item.leaseUntil?.N ?? 0),
        };
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
}
