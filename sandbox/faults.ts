/**
 * Faults a test schedules for the next calls of an operation, to see the gateway through the
 * failures a real platform and network produce: slow answers, connections dropped before or after
 * the effect is committed, 5xx, refusals, unreadable or wrongly encrypted answers, and pending
 * charges that settle later. A fault applies to a request that passed every platform check.
 */

export type Fault =
  /** Commits, then answers `ms` late: a gateway that gives up first has lost the answer. */
  | { type: 'delay'; ms: number }
  /** Closes the connection without an answer, before or after committing the effect. */
  | { type: 'drop'; commit: boolean }
  /** Answers a 5xx (with the 000_001 envelope, or an HTML page), with or without committing. */
  | { type: 'status'; status: 500 | 502 | 503 | 504; commit: boolean; html?: boolean }
  /** Refuses with a platform code (from the operation's or the common table) without committing. */
  | { type: 'code'; code: string }
  /** Commits, then answers 200 with a body that is not JSON. */
  | { type: 'malformed' }
  /** Commits, then answers `{"encData": ...}` sealed to a key the client does not hold. */
  | { type: 'bad-encryption' }
  /** A charge that answers isPending: true and later settles as `then` (payment behaviours honour it). */
  | { type: 'pending'; then: 'COMPLETED' | 'FAILED' };

export const FAULT_TYPES = ['delay', 'drop', 'status', 'code', 'malformed', 'bad-encryption', 'pending'] as const;

interface Scheduled {
  fault: Fault;
  remaining: number;
}

/** Per operation id, a queue of faults for its next calls, each for `count` calls. */
export class FaultPlan {
  private readonly queues = new Map<string, Scheduled[]>();
  private fired = 0;

  schedule(operationId: string, fault: Fault, count = 1): void {
    const queue = this.queues.get(operationId) ?? [];
    queue.push({ fault, remaining: count });
    this.queues.set(operationId, queue);
  }

  /** The fault for this call of the operation, if one is scheduled; consumes it. */
  take(operationId: string): Fault | undefined {
    const queue = this.queues.get(operationId);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    this.fired += 1;
    return head.fault;
  }

  pending(): Record<string, Array<{ fault: Fault; remaining: number }>> {
    return Object.fromEntries([...this.queues].filter(([, q]) => q.length > 0).map(([id, q]) => [id, q.map((s) => ({ ...s }))]));
  }

  get firedCount(): number {
    return this.fired;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** Checks a fault sent to the control API; returns a problem or undefined. */
export function faultProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'fault must be an object';
  const fault = value as Record<string, unknown>;
  if (!FAULT_TYPES.includes(fault.type as (typeof FAULT_TYPES)[number])) return `fault.type must be one of ${FAULT_TYPES.join('|')}`;
  switch (fault.type) {
    case 'delay': return Number.isInteger(fault.ms) && (fault.ms as number) >= 0 && (fault.ms as number) <= 120_000 ? undefined : 'delay.ms must be 0..120000';
    case 'drop': return typeof fault.commit === 'boolean' ? undefined : 'drop.commit must be true or false';
    case 'status': return [500, 502, 503, 504].includes(fault.status as number) && typeof fault.commit === 'boolean' ? undefined : 'status needs status 500|502|503|504 and commit true|false';
    case 'code': return typeof fault.code === 'string' && /^\d{3}_\d{3}$/.test(fault.code) ? undefined : 'code.code must look like 007_004';
    case 'pending': return fault.then === 'COMPLETED' || fault.then === 'FAILED' ? undefined : 'pending.then must be COMPLETED or FAILED';
    default: return undefined;
  }
}
