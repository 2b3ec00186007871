/**
 * Publishes the sweeper's events to the stage's EventBridge bus with PutEvents (10 entries a call,
 * the API's limit). An entry EventBridge did not take fails the publish, so the record it settles
 * stays open and is swept again (the event's key makes the retry one event on the bus).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventEntry, PublishEvents } from './events';

const ENTRIES_PER_CALL = 10;

export function eventBridgePublisher(eventBusName: string, client: EventBridgeClient = new EventBridgeClient({})): PublishEvents {
  return async (entries: readonly EventEntry[]) => {
    for (let i = 0; i < entries.length; i += ENTRIES_PER_CALL) {
      const batch = entries.slice(i, i + ENTRIES_PER_CALL).map((entry) => ({ ...entry, EventBusName: eventBusName }));
      const answer = await client.send(new PutEventsCommand({ Entries: batch }));
      if (answer.FailedEntryCount) {
        const codes = (answer.Entries ?? []).map((entry) => entry.ErrorCode).filter(Boolean).join(', ');
        throw new Error(`EventBridge refused ${answer.FailedEntryCount} of ${batch.length} events (${codes})`);
      }
    }
  };
}
