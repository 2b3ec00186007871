/**
 * The events table: each platform event recorded once under its eventKey before it is handed on,
 * with the state of the hand-off, so the bus sees it once however often the platform sends it and
 * whoever (callback or reconciler) sees it first. Every transition is one conditional write.
 * Table: partition key `id` (S), TTL attribute `expiresAt`; items `event#<eventKey>`.
 *
 * PUBLISHING (with an owner and a lease) → PUBLISHED, or QUEUED when the bus refused it and it went
 * to the failure queue (operators redrive it). A lease that ran out (the owner died mid-way) lets
 * the next delivery take over.
 */
import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { PlatformEvent } from './types';

/** Longer than any platform retry or reconciler sweep would bring the same fact back. */
export const EVENT_RECORD_TTL_SECONDS = 35 * 24 * 3600;

export type HandOffState = 'PUBLISHING' | 'PUBLISHED' | 'QUEUED';

export interface EventRecord {
  eventKey: string;
  state: HandOffState;
  owner: string;
  /** Epoch ms; a PUBLISHING record whose lease passed may be taken over. */
  leaseUntil: number;
}

export type EventClaim = { claimed: true } | { claimed: false; record: EventRecord };

const s = (value: string): AttributeValue => ({ S: value });
const n = (value: number): AttributeValue => ({ N: String(value) });

export const eventRecordId = (eventKey: string) => `event#${eventKey}`;

function fromItem(eventKey: string, item: Record<string, AttributeValue>): EventRecord {
  return { eventKey, state: item.state!.S! as HandOffState, owner: item.owner!.S!, leaseUntil: Number(item.leaseUntil!.N) };
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException';

async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export class EventRecords {
  constructor(
    readonly table: string,
    readonly client: DynamoDBClient = new DynamoDBClient({}),
  ) {}

  /** Records the event as PUBLISHING by `owner`, unless its key is already recorded (then its record). */
  async claim(event: PlatformEvent, owner: string, leaseUntil: number, now: number): Promise<EventClaim> {
    const put = this.client.send(new PutItemCommand({
      TableName: this.table,
      Item: {
        id: s(eventRecordId(event.eventKey)), state: s('PUBLISHING'), owner: s(owner), leaseUntil: n(leaseUntil),
        kind: s(event.kind), origin: s(event.origin), firstSeenAt: n(now),
        expiresAt: n(Math.floor(now / 1000) + EVENT_RECORD_TTL_SECONDS),
      },
      ConditionExpression: 'attribute_not_exists(id)',
    }));
    if (await conditional(put)) return { claimed: true };
    const existing = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { id: s(eventRecordId(event.eventKey)) }, ConsistentRead: true }));
    // Expired and removed between the two calls: it is new again.
    if (!existing.Item) return this.claim(event, owner, leaseUntil, now);
    return { claimed: false, record: fromItem(event.eventKey, existing.Item) };
  }

  /** Becomes the owner of a PUBLISHING record whose lease has run out; false when someone else did, or it moved on. */
  takeOver(eventKey: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
    return this.update(eventKey, 'SET #owner = :owner, leaseUntil = :lease', '#state = :publishing AND leaseUntil < :now', {
      ':owner': s(owner), ':lease': n(leaseUntil), ':now': n(now),
    });
  }

  /** PUBLISHING → PUBLISHED or QUEUED, by its owner only. */
  finish(eventKey: string, owner: string, state: Exclude<HandOffState, 'PUBLISHING'>, at: number): Promise<boolean> {
    return this.update(eventKey, 'SET #state = :state, finishedAt = :at', '#owner = :owner AND #state = :publishing', {
      ':state': s(state), ':at': n(at), ':owner': s(owner),
    });
  }

  /** Gives the lease up at once (the hand-off failed before the bus or the queue took it): the next delivery takes over. */
  release(eventKey: string, owner: string): Promise<boolean> {
    return this.update(eventKey, 'SET leaseUntil = :zero', '#owner = :owner AND #state = :publishing', { ':zero': n(0), ':owner': s(owner) });
  }

  /** One conditional update of a record; false when its condition did not hold. */
  private update(eventKey: string, expression: string, condition: string, values: Record<string, AttributeValue>): Promise<boolean> {
    return conditional(this.client.send(new UpdateItemCommand({
      TableName: this.table,
      Key: { id: s(eventRecordId(eventKey)) },
      UpdateExpression: expression,
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#owner': 'owner', '#state': 'state' },
      ExpressionAttributeValues: { ...values, ':publishing': s('PUBLISHING') },
    })));
  }

  async get(eventKey: string): Promise<EventRecord | undefined> {
    const answer = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { id: s(eventRecordId(eventKey)) }, ConsistentRead: true }));
    return answer.Item ? fromItem(eventKey, answer.Item) : undefined;
  }
}
