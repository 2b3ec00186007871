/**
 * Credentials cache: one fetch per container, shared by concurrent callers (the cache holds the
 * promise), never a cached failure, refreshed after `ttlMs` (the stale value keeps serving if the
 * refresh fails) and on demand after the platform refuses the credentials (key rotation).
 */
import { CONFIG_DEFAULTS } from '../config';
import { countMetric } from '../metrics';
import { parseCredentials, type KonaplateCredentials } from './shape';

export interface CredentialStoreOptions {
  secretId: string;
  /** Returns the SecretString. */
  fetchSecret: (secretId: string) => Promise<string>;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  value: Promise<KonaplateCredentials>;
  loadedAt: number;
  settled?: KonaplateCredentials;
}

export class CredentialStore {
  private entry: Entry | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CredentialStoreOptions) {
    this.ttlMs = options.ttlMs ?? CONFIG_DEFAULTS.secretTtlMs;
    this.now = options.now ?? Date.now;
  }

  get secretId(): string {
    return this.options.secretId;
  }

  /** Starts the fetch without waiting, e.g. at module init; its failure is left to the next get(). */
  prefetch(): void {
    this.get().catch(() => undefined);
  }

  get(): Promise<KonaplateCredentials> {
    const entry = this.entry;
    if (!entry) return this.load(undefined);
    if (entry.settled && this.now() - entry.loadedAt > this.ttlMs) return this.load(entry.settled);
    return entry.value;
  }

  /**
   * Fetches again unless a fetch newer than `since` already happened (concurrent callers that saw
   * the same authentication failure share one refetch).
   */
  refresh(since: KonaplateCredentials): Promise<KonaplateCredentials> {
    const entry = this.entry;
    if (entry && (!entry.settled || entry.settled !== since)) return entry.value;
    countMetric('SecretRefetches');
    return this.load(undefined);
  }

  private load(stale: KonaplateCredentials | undefined): Promise<KonaplateCredentials> {
    const { secretId, fetchSecret } = this.options;
    const value = fetchSecret(secretId).then((text) => parseCredentials(text, secretId));
    const entry: Entry = { value, loadedAt: this.now() };
    this.entry = entry;
    value.then(
      (credentials) => {
        entry.settled = credentials;
      },
      () => {
        // Forget the failure so the next call fetches again; keep serving a stale value if we had one.
        if (this.entry !== entry) return;
        this.entry = stale ? { value: Promise.resolve(stale), loadedAt: this.now() - this.ttlMs + 60_000, settled: stale } : undefined;
      },
    );
    return stale ? value.catch(() => stale) : value;
  }
}
