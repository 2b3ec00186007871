/**
 * The local EventBridge and SQS driven by the real AWS SDK clients the gateway uses, and
 * lib/events' publishEvents over them: what is accepted, per-entry and whole-call failures, the
 * records tests read.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { chargeSettled, publishEvents } from '../../lib/events';
import { startEventBridge, type EventBridgeHandle } from '../../sandbox/aws/eventbridge';
import { startSqs, type SqsHandle } from '../../sandbox/aws/sqs';

const AWS = { region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
let eventBridge: EventBridgeHandle;
let sqs: SqsHandle;
let events: EventBridgeClient;
let queue: SQSClient;

beforeAll(async () => {
  [eventBridge, sqs] = await Promise.all([startEventBridge({ buses: ['stage-bus'] }), startSqs({ queues: ['failures'] })]);
  events = new EventBridgeClient({ ...AWS, endpoint: eventBridge.url, maxAttempts: 1 });
  queue = new SQSClient({ ...AWS, endpoint: sqs.url, maxAttempts: 1 });
});
afterAll(async () => {
  events.destroy();
  queue.destroy();
  await Promise.all([eventBridge.close(), sqs.close()]);
});
beforeEach(() => {
  eventBridge.clear();
  sqs.clear();
});

const settled = (n: number) => chargeSettled({ operation: 'chargeByBankAccount', sequenceId: `SEQ${n}`, outcome: 'COMPLETED', amount: 1000 }, { origin: 'reconciler', occurredAt: '2025-11-25T05:30:05.000Z' });

describe('local EventBridge', () => {
  it('accepts entries on a bus that exists, by name or ARN, and refuses the others entry by entry', async () => {
    const answer = await events.send(new PutEventsCommand({ Entries: [
      { Source: 's', DetailType: 'd', Detail: '{"a":1}', EventBusName: 'stage-bus' },
      { Source: 's', DetailType: 'd', Detail: '{"a":2}', EventBusName: 'arn:aws:events:ap-northeast-2:123456789012:event-bus/stage-bus' },
      { Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'no-such-bus' },
      { Source: 's', DetailType: 'd', Detail: 'not json', EventBusName: 'stage-bus' },
    ] }));
    expect(answer.FailedEntryCount).toBe(2);
    expect(answer.Entries!.map((entry) => entry.ErrorCode ?? 'ok')).toEqual(['ok', 'ok', 'ResourceNotFoundException', 'MalformedDetail']);
    expect(eventBridge.events('stage-bus').map((event) => event.Detail)).toEqual([{ a: 1 }, { a: 2 }]);
    const listed = (await (await fetch(`${eventBridge.url}/__events?bus=stage-bus`)).json()) as { events: unknown[] };
    expect(listed.events).toHaveLength(2);
  });

  it('refuses more than 10 entries, and fails calls when told to', async () => {
    await expect(events.send(new PutEventsCommand({ Entries: Array(11).fill({ Source: 's', DetailType: 'd', Detail: '{}' }) }))).rejects.toMatchObject({ name: 'ValidationException' });
    eventBridge.failNext(1, 'status-500');
    await expect(events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }))).rejects.toMatchObject({ name: 'InternalException' });
    expect((await fetch(`${eventBridge.url}/__failures`, { method: 'POST', body: '{"count":0}' })).status).toBe(400);
    expect((await fetch(`${eventBridge.url}/__failures`, { method: 'POST', body: '{"how":"sometimes"}' })).status).toBe(400);
    expect((await fetch(`${eventBridge.url}/__failures`, { method: 'POST', body: '{"count":1,"how":"entries"}' })).status).toBe(201);
    const failed = await events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));
    expect([failed.FailedEntryCount, failed.Entries![0]!.ErrorCode]).toEqual([1, 'InternalFailure']);
    expect(eventBridge.events()).toEqual([]);
  });
});

describe('publishEvents (lib/events)', () => {
  it('sends in batches of 10 and reports each event', async () => {
    const outcomes = await publishEvents(Array.from({ length: 12 }, (_, n) => settled(n)), { busName: 'stage-bus', client: events });
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(eventBridge.calls()).toBe(2);
    const [first] = eventBridge.events('stage-bus');
    expect([first!.Source, first!.DetailType, first!.Time]).toEqual(['konaplate.gateway', 'charge.settled', '2025-11-25T05:30:05.000Z']);
    expect(first!.Detail).toMatchObject({ eventKey: 'charge.settled#chargeByBankAccount#SEQ0#COMPLETED', origin: 'reconciler', designed: true });
  });

  it('never throws: a call that failed fails each of its events, with the reason', async () => {
    eventBridge.failNext(1, 'status-500');
    const outcomes = await publishEvents([settled(1), settled(2)], { busName: 'stage-bus', client: events });
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.errorCode))).toEqual(['InternalException', 'InternalException']);
    const wrongBus = await publishEvents([settled(3)], { busName: 'other-bus', client: events });
    expect(wrongBus).toEqual([expect.objectContaining({ ok: false, errorCode: 'ResourceNotFoundException' })]);
  });
});

describe('local SQS', () => {
  it('keeps messages with their attributes and the MD5 the SDK checks; refuses an unknown queue; fails when told', async () => {
    const sent = await queue.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl('failures'), MessageBody: '{"x":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'k' } } }));
    expect(sent.MessageId).toBeDefined();
    expect(sqs.messages('failures')).toEqual([expect.objectContaining({ Body: '{"x":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'k' } } })]);
    await expect(queue.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl('other'), MessageBody: 'x' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    expect((await fetch(`${sqs.url}/__failures`, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await fetch(`${sqs.url}/__failures`, { method: 'POST', body: '{}' })).status).toBe(201);
    await expect(queue.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl('failures'), MessageBody: 'x' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
  });
});
