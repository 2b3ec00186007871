/**
 * Faults a test schedules, to see the gateway through the failures a real platform and network
 * produce. An answer fault strikes the next calls of an operation that passed every platform
 * check, just before or after its effect is committed: slow answers, connections dropped, answers
 * broken off after their headers or mid-body, bodies that trickle or are framed wrongly, 5xx,
 * refusals, unreadable or wrongly encrypted answers, pending charges that settle later. A
 * connection fault (the TLS handshake) strikes the next new connections, whatever operation they
 * would have carried: no request has been read when it fails.
 */

/** Whether the effect is committed before the answer breaks; not committed, the broken answer is a 000_001. */
interface Commit {
  commit: boolean;
}

export type AnswerFault =
  /** Commits, then answers `ms` late: a gateway that gives up first has lost the answer. */
  | { type: 'delay'; ms: number }
  /** Closes the connection before any answer byte. */
  | ({ type: 'drop' } & Commit)
  /** Status line and headers, then a TCP reset. */
  | ({ type: 'reset-after-headers' } & Commit)
  /** Status line, headers and half the body, then a TCP reset. */
  | ({ type: 'reset-mid-body' } & Commit)
  /** Status line and headers, then silence: the connection stays open until the client leaves. */
  | ({ type: 'stall-after-headers' } & Commit)
  /** Headers at once, then the body one byte every `byteEveryMs`. */
  | ({ type: 'trickle'; byteEveryMs: number } & Commit)
  /** A Content-Length larger than the body sent, then a clean close. */
  | ({ type: 'short-body' } & Commit)
  /** More body bytes than the Content-Length says, then a clean close. */
  | ({ type: 'long-body' } & Commit)
  /** A chunked body whose last chunk never comes: half the body, then a clean close. */
  | ({ type: 'chunked-cut' } & Commit)
  /** A complete HTTP answer whose body is an HTML page, not JSON. */
  | ({ type: 'not-json' } & Commit)
  /** Answers a 5xx (with the 000_001 envelope, or an HTML page), with or without committing. */
  | ({ type: 'status'; status: 500 | 502 | 503 | 504; html?: boolean } & Commit)
  /** Refuses with a platform code (from the operation's or the common table) without committing. */
  | { type: 'code'; code: string }
  /** Commits, then answers 200 with a complete HTTP message whose JSON body is cut short. */
  | { type: 'malformed' }
  /** Commits, then answers `{"encData": ...}` sealed to a key the client does not hold. */
  | { type: 'bad-encryption' }
  /** A charge that answers isPending: true and later settles as `then` (payment behaviours honour it). */
  | { type: 'pending'; then: 'COMPLETED' | 'FAILED' };

export type ConnectionFault =
  /**
   * The next new TLS connection fails its handshake: `reset` after the client's hello, or
   * `untrusted-certificate` (a self-signed certificate no client trusts). TLS sandbox only.
   */
  { type: 'tls-handshake'; how: 'reset' | 'untrusted-certificate' };

export type Fault = AnswerFault | ConnectionFault;
export type FaultType = Fault['type'];

const isInteger = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const commitProblem = (type: string) => (fault: Record<string, unknown>) =>
  typeof fault.commit === 'boolean' ? undefined : `${type}.commit must be true or false`;

/** Per fault type, its check; a mapped type, so a new kind without a check does not compile. */
const FAULT_CHECKS: { readonly [T in FaultType]: (fault: Record<string, unknown>) => string | undefined } = {
  'delay': (fault) => (isInteger(fault.ms, 0, 120_000) ? undefined : 'delay.ms must be 0..120000'),
  'drop': commitProblem('drop'),
  'reset-after-headers': commitProblem('reset-after-headers'),
  'reset-mid-body': commitProblem('reset-mid-body'),
  'stall-after-headers': commitProblem('stall-after-headers'),
  'trickle': (fault) => commitProblem('trickle')(fault) ?? (isInteger(fault.byteEveryMs, 1, 10_000) ? undefined : 'trickle.byteEveryMs must be 1..10000'),
  'short-body': commitProblem('short-body'),
  'long-body': commitProblem('long-body'),
  'chunked-cut': commitProblem('chunked-cut'),
  'not-json': commitProblem('not-json'),
  'status': (fault) => ([500, 502, 503, 504].includes(fault.status as number) && typeof fault.commit === 'boolean' && (fault.html === undefined || typeof fault.html === 'boolean')
    ? undefined : 'status needs status 500|502|503|504, commit true|false and html true|false if given'),
  'code': (fault) => (typeof fault.code === 'string' && /^\d{3}_\d{3}$/.test(fault.code) ? undefined : 'code.code must look like 007_004'),
  'malformed': () => undefined,
  'bad-encryption': () => undefined,
  'pending': (fault) => (fault.then === 'COMPLETED' || fault.then === 'FAILED' ? undefined : 'pending.then must be COMPLETED or FAILED'),
  'tls-handshake': (fault) => (fault.how === 'reset' || fault.how === 'untrusted-certificate' ? undefined : 'tls-handshake.how must be reset or untrusted-certificate'),
};

export const FAULT_TYPES = Object.keys(FAULT_CHECKS) as FaultType[];

export function isConnectionFault(fault: Fault): fault is ConnectionFault {
  return fault.type === 'tls-handshake';
}

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

/** Checks a fault sent to the control API; returns a problem or undefined. */
export function faultProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'fault must be an object';
  const fault = value as Record<string, unknown>;
  const check = Object.hasOwn(FAULT_CHECKS, fault.type as string) ? FAULT_CHECKS[fault.type as FaultType] : undefined;
  return check ? check(fault) : `fault.type must be one of ${FAULT_TYPES.join('|')}`;
}
