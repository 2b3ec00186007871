/**
 * An event the bus refused goes to the stage's failure queue (the one Lambda's failed
 * asynchronous invocations go to; its alarm fires on the first message) with the PutEvents entry
 * ready to redrive (docs/operations.md § failed-async-invocations). The entry holds the event as
 * the bus would have had it: masked data, never a secret.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { eventEntry } from './publish';
import type { PlatformEvent } from './types';

/** Message attribute `konaplate-message` telling these apart from Lambda's destination records on the same queue. */
export const HAND_OFF_MESSAGE = 'event-hand-off';

export interface FailedHandOff {
  handOff: {
    eventKey: string;
    kind: string;
    /** Why the bus did not take it: PutEvents' error code and message. */
    reason: string;
    failedAt: string;
    /** What to send again: `aws events put-events --entries '[<entry>]'`. */
    entry: { Source: string; DetailType: string; Detail: string; EventBusName: string; Time: string };
  };
}

let shared: SQSClient | undefined;

export function defaultSqsClient(): SQSClient {
  shared ??= new SQSClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 } });
  return shared;
}

export function failedHandOff(event: PlatformEvent, busName: string, reason: string, at: Date): FailedHandOff {
  const entry = eventEntry(event, busName);
  return {
    handOff: {
      eventKey: event.eventKey,
      kind: event.kind,
      reason,
      failedAt: at.toISOString(),
      entry: { Source: entry.Source!, DetailType: entry.DetailType!, Detail: entry.Detail!, EventBusName: busName, Time: entry.Time!.toISOString() },
    },
  };
}

export class FailureQueue {
  constructor(
    readonly queueUrl: string,
    private readonly client: SQSClient = defaultSqsClient(),
  ) {}

  async send(message: FailedHandOff): Promise<void> {
    await this.client.send(new SendMessageCommand({
      QueueUrl: this.queueUrl,
      MessageBody: JSON.stringify(message),
      MessageAttributes: { 'konaplate-message': { DataType: 'String', StringValue: HAND_OFF_MESSAGE } },
    }));
  }
}
