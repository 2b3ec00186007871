/**
 * Every Open API request the sandbox answered, newest last, for tests and people to see what the
 * gateway really sent. Bounded, so a long-running sandbox does not grow without end.
 */
export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  /** Names lower-cased, as HTTP treats them. */
  headers: Record<string, string>;
  /** The body exactly as received (UTF-8). */
  body: string;
  /** The decrypted business JSON of an encData body, when it could be decrypted. */
  plaintext?: string;
  status: number;
  code: string;
  description: string;
  /** The scheduled fault applied to this request, e.g. "drop" (sandbox/platform/faults/kinds.ts). */
  fault?: string;
  /** The drifts applied to this answer, by kind (sandbox/platform/drift.ts). */
  drift?: string[];
  /** Whether the operation's effect was committed (false for refusals and faults before commit). */
  committed?: boolean;
}

export const REQUEST_LOG_CAPACITY = 500;

export class RequestLog {
  private entries: RecordedRequest[] = [];

  constructor(private readonly capacity: number = REQUEST_LOG_CAPACITY) {}

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** A copy, so callers can keep it while the sandbox goes on recording. */
  list(): RecordedRequest[] {
    return this.entries.map((entry) => ({ ...entry, headers: { ...entry.headers } }));
  }

  last(): RecordedRequest | undefined {
    const entry = this.entries.at(-1);
    return entry && { ...entry, headers: { ...entry.headers } };
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries = [];
  }
}
