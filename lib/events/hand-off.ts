/**
 * Hands one platform event to the bus at most once, whoever sees it and however often:
 *
 * 1. claim its eventKey in the events table (conditional write): already PUBLISHED or QUEUED →
 *    `duplicate`; being handed on by someone else → `in-progress` (a lease that ran out is taken over);
 * 2. PutEvents; taken → PUBLISHED, `published`;
 * 3. refused or unreachable bus → the failure queue, QUEUED, `queued` (recorded, and redriven by an
 *    operator, never again by a retry: that would put it on the bus twice);
 * 4. the queue unreachable too → the lease is given up and HandOffFailed thrown, so the caller
 *    answers a failure and the next delivery (a platform retry, the next sweep) tries again.
 *
 * A PutEvents that failed with a timeout may still have reached the bus; the queued copy would then
 * be a second one. Consumers dedupe by `detail.eventKey` anyway: EventBridge itself delivers to
 * targets at least once.
 */
import { randomUUID } from 'node:crypto';
import { logger } from '../log';
import { failedHandOff, type FailureQueue } from './failure-queue';
import type { PublishOutcome } from './publish';
import type { EventRecords } from './records';
import type { PlatformEvent } from './types';

export type HandOffOutcome = 'published' | 'queued' | 'duplicate' | 'in-progress';

export class HandOffFailed extends Error {
  override readonly name = 'HandOffFailed';
}

export interface HandOffDependencies {
  records: EventRecords;
  /** publishEvents bound to the bus (lib/events/publish.ts). */
  publish: (events: readonly PlatformEvent[]) => Promise<PublishOutcome[]>;
  queue: FailureQueue;
  busName: string;
  /** How long the claim keeps others off: at least as long as one hand-off can take. */
  leaseMs: number;
  now?: () => number;
}

export async function handOnce(event: PlatformEvent, deps: HandOffDependencies): Promise<HandOffOutcome> {
  const now = deps.now ?? Date.now;
  const owner = randomUUID();
  const started = now();
  const claim = await deps.records.claim(event, owner, started + deps.leaseMs, started);
  if (!claim.claimed) {
    const { record } = claim;
    if (record.state !== 'PUBLISHING') return 'duplicate';
    if (record.leaseUntil >= started) return 'in-progress';
    if (!(await deps.records.takeOver(event.eventKey, owner, now() + deps.leaseMs, now()))) return 'in-progress';
  }

  const [outcome] = await deps.publish([event]);
  if (outcome?.ok) {
    // On the bus: whatever happens to the record now, this owner must not send it again.
    const marked = await deps.records.finish(event.eventKey, owner, 'PUBLISHED', now()).catch((error: unknown) => {
      logger.error('event published but its record is still PUBLISHING', { eventKey: event.eventKey, error });
      return true;
    });
    if (!marked) logger.error('event published after its lease passed to another owner', { eventKey: event.eventKey });
    return 'published';
  }

  const reason = outcome ? `${outcome.errorCode}: ${outcome.errorMessage}` : 'no outcome';
  try {
    await deps.queue.send(failedHandOff(event, deps.busName, reason, new Date(now())));
  } catch (error) {
    await deps.records.release(event.eventKey, owner).catch(() => false);
    throw new HandOffFailed(`event ${event.eventKey}: the bus refused it (${reason}) and the failure queue could not be reached (${(error as Error).name})`, { cause: error });
  }
  await deps.records.finish(event.eventKey, owner, 'QUEUED', now()).catch((error: unknown) => {
    logger.error('event queued but its record is still PUBLISHING', { eventKey: event.eventKey, error });
  });
  logger.error('event not taken by the bus: sent to the failure queue', { eventKey: event.eventKey, kind: event.kind, reason });
  return 'queued';
}
