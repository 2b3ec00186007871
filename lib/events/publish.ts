/**
 * PutEvents to the stage's bus with the real @aws-sdk/client-eventbridge (locally
 * AWS_ENDPOINT_URL_EVENTBRIDGE points it at the sandbox's stand-in, sandbox/aws/eventbridge.ts).
 * PutEvents is not all-or-nothing: each entry succeeds or fails on its own, so the outcome is per event.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { stringifyJson } from '../protocol/json';
import { EVENT_SOURCE, type PlatformEvent } from './types';

/** PutEvents takes at most 10 entries per call. */
export const MAX_ENTRIES_PER_PUT = 10;

export type PublishOutcome =
  | { event: PlatformEvent; ok: true; eventId: string }
  | { event: PlatformEvent; ok: false; errorCode: string; errorMessage: string };

export interface PublishOptions {
  busName: string;
  client?: EventBridgeClient;
}

let shared: EventBridgeClient | undefined;

/**
 * A client that fails fast: the callback receiver answers the platform within seconds, and an
 * event the bus did not take goes to the failure queue rather than waiting out the SDK's defaults.
 */
export function defaultEventBridgeClient(): EventBridgeClient {
  shared ??= new EventBridgeClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 } });
  return shared;
}

/** The PutEvents entry of an event: Source konaplate.gateway, DetailType its kind, Detail the event itself. */
export function eventEntry(event: PlatformEvent, busName: string): PutEventsRequestEntry {
  return {
    Source: EVENT_SOURCE,
    DetailType: event.kind,
    Detail: stringifyJson(event),
    EventBusName: busName,
    Time: new Date(event.occurredAt),
  };
}

/** Sends the events in batches of 10, in order; never throws: a batch that could not be sent fails each of its events. */
export async function publishEvents(events: readonly PlatformEvent[], options: PublishOptions): Promise<PublishOutcome[]> {
  const client = options.client ?? defaultEventBridgeClient();
  const outcomes: PublishOutcome[] = [];
  for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_PUT) {
    const batch = events.slice(start, start + MAX_ENTRIES_PER_PUT);
    try {
      const answer = await client.send(new PutEventsCommand({ Entries: batch.map((event) => eventEntry(event, options.busName)) }));
      batch.forEach((event, index) => {
        const entry = answer.Entries?.[index];
        outcomes.push(entry?.EventId && !entry.ErrorCode
          ? { event, ok: true, eventId: entry.EventId }
          : { event, ok: false, errorCode: entry?.ErrorCode ?? 'NoEntryResult', errorMessage: entry?.ErrorMessage ?? 'PutEvents answered no result for the entry' });
      });
    } catch (error) {
      const { name, message } = error as Error;
      for (const event of batch) outcomes.push({ event, ok: false, errorCode: name, errorMessage: message });
    }
  }
  return outcomes;
}
