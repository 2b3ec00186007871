/**
 * Platform events to the stage's EventBridge bus, once: the module the callback receiver
 * (lib/callbacks/) and the reconciler share. Build an event with a constructor of ./kinds (it
 * makes the eventKey), then `handOnce(event, eventHandOff())`; or publish without the record with
 * `publishEvents(events, { busName })`.
 */
import { config } from '../config';
import { configurationError } from '../errors';
import { defaultEventBridgeClient, publishEvents } from './publish';
import { EventRecords } from './records';
import { FailureQueue } from './failure-queue';
import type { HandOffDependencies } from './hand-off';

export * from './types';
export * from './kinds';
export { publishEvents, eventEntry, MAX_ENTRIES_PER_PUT, type PublishOutcome, type PublishOptions } from './publish';
export { EventRecords, EVENT_RECORD_TTL_SECONDS, eventRecordId, type EventRecord, type HandOffState } from './records';
export { FailureQueue, failedHandOff, HAND_OFF_MESSAGE, type FailedHandOff } from './failure-queue';
export { handOnce, HandOffFailed, type HandOffDependencies, type HandOffOutcome } from './hand-off';

/** Default lease of a claim: longer than a hand-off can take inside a Lambda (PutEvents and SendMessage, each with its timeouts). */
export const DEFAULT_LEASE_MS = 20_000;

let shared: HandOffDependencies | undefined;

/** The container's hand-off, from KONAPLATE_EVENT_BUS, KONAPLATE_EVENTS_TABLE and KONAPLATE_FAILURE_QUEUE_URL. */
export function eventHandOff(): HandOffDependencies {
  if (shared) return shared;
  const { eventBus, eventsTable, failureQueueUrl } = config();
  if (!eventBus) throw configurationError('KONAPLATE_EVENT_BUS is not set');
  if (!eventsTable) throw configurationError('KONAPLATE_EVENTS_TABLE is not set');
  if (!failureQueueUrl) throw configurationError('KONAPLATE_FAILURE_QUEUE_URL is not set');
  const client = defaultEventBridgeClient();
  shared = {
    records: new EventRecords(eventsTable),
    publish: (events) => publishEvents(events, { busName: eventBus, client }),
    queue: new FailureQueue(failureQueueUrl),
    busName: eventBus,
    leaseMs: DEFAULT_LEASE_MS,
  };
  return shared;
}
