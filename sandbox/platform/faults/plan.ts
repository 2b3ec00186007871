/**
 * The faults scheduled so far: per operation id, a queue of answer faults for its next calls; one
 * queue of connection faults for the next new connections. What each kind does is in kinds.ts.
 */
import type { AnswerFault, ConnectionFault, Fault, FaultType } from './kinds';

interface Scheduled<F extends Fault> {
  fault: F;
  remaining: number;
}

function takeFrom<F extends Fault>(queue: Array<Scheduled<F>> | undefined): F | undefined {
  const head = queue?.[0];
  if (!queue || !head) return undefined;
  head.remaining -= 1;
  if (head.remaining <= 0) queue.shift();
  return head.fault;
}

/** Per operation id, a queue of answer faults for its next calls; one queue of connection faults. */
export class FaultPlan {
  private readonly queues = new Map<string, Array<Scheduled<AnswerFault>>>();
  private readonly connectionQueue: Array<Scheduled<ConnectionFault>> = [];
  private readonly firedByType = new Map<FaultType, number>();

  schedule(operationId: string, fault: AnswerFault, count = 1): void {
    const queue = this.queues.get(operationId) ?? [];
    queue.push({ fault, remaining: count });
    this.queues.set(operationId, queue);
  }

  /** For the next `count` new connections, whatever operation they carry. */
  scheduleConnection(fault: ConnectionFault, count = 1): void {
    this.connectionQueue.push({ fault, remaining: count });
  }

  /** The fault for this call of the operation, if one is scheduled; consumes it. */
  take(operationId: string): AnswerFault | undefined {
    return this.fired(takeFrom(this.queues.get(operationId)));
  }

  /** The fault for this new connection, if one is scheduled; consumes it. */
  takeConnection(): ConnectionFault | undefined {
    return this.fired(takeFrom(this.connectionQueue));
  }

  private fired<F extends Fault>(fault: F | undefined): F | undefined {
    if (fault) this.firedByType.set(fault.type, (this.firedByType.get(fault.type) ?? 0) + 1);
    return fault;
  }

  pending(): Record<string, Array<Scheduled<AnswerFault>>> {
    return Object.fromEntries([...this.queues].filter(([, q]) => q.length > 0).map(([id, q]) => [id, q.map((s) => ({ ...s }))]));
  }

  pendingConnections(): Array<Scheduled<ConnectionFault>> {
    return this.connectionQueue.map((s) => ({ ...s }));
  }

  get firedCount(): number {
    let total = 0;
    for (const count of this.firedByType.values()) total += count;
    return total;
  }

  /** How many faults of each type struck so far. */
  firedCounts(): Partial<Record<FaultType, number>> {
    return Object.fromEntries(this.firedByType);
  }

  clear(): void {
    this.queues.clear();
    this.connectionQueue.length = 0;
  }
}
