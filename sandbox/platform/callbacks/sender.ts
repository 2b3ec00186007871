/**
 * The platform's callback sender: when the sandbox's state changes (a pending charge settles, a
 * card is delivered, a terminal payment is approved or cancelled) it POSTs the designed callbacks
 * (./bodies.ts) to the configured URL, signed as the platform signs (./signing.ts) and, for the
 * kinds the catalog marks encrypted, sealed with `jose` to the client public key of the project's
 * first crypto key. A delivery that is not answered 200 (another status, a refused or broken
 * connection, no answer in time) is sent again after each of `retryDelaysMs`, every attempt with a
 * fresh correlation id, time and token over the same bytes, as a real sender retries; then it is
 * given up. `duplicates` sends every callback twice, one after the other or at once, re-sealed (other
 * bytes, same event), for tests of the receiver's once-only hand-off.
 *
 * Nothing runs in the background of the books (they settle lazily), so while a URL is set a
 * ticker looks at them every `tickMs`: it settles the pending charges whose time has come and
 * notices applications whose card has arrived. With no URL nothing is sent, recorded or ticked.
 * The record of deliveries holds metadata only: never a header value or a body.
 */
import type { SandboxState } from '../../books/state';
import { DEFAULT_RESPONSE_ENCRYPTION, type SandboxProject } from '../../project/project';
import { stringifyJson } from '../../../lib/protocol/json';
import { sealJwe, type PemKeys } from '../compact-jwe';
import { callbackMessages, describeNotice, type CallbackMessage, type CallbackNotice } from './bodies';
import { platformClock, signedHeaders } from './signing';

export const DUPLICATE_DELIVERIES = ['none', 'sequential', 'concurrent'] as const;
export type DuplicateDelivery = (typeof DUPLICATE_DELIVERIES)[number];

/** `catalog`: as the catalog marks each kind; `all` / `none`: every callback sealed / in clear. */
export const CALLBACK_ENCRYPTIONS = ['catalog', 'all', 'none'] as const;
export type CallbackEncryption = (typeof CALLBACK_ENCRYPTIONS)[number];

export interface CallbackSettings {
  /** Where callbacks go (the gateway's POST /callbacks/konaplate); none: callbacks are off. */
  url: string | undefined;
  duplicates: DuplicateDelivery;
  encryption: CallbackEncryption;
  /** The wait before each further attempt: 4 delays, 5 attempts. */
  retryDelaysMs: number[];
  /** How long one attempt waits for its answer. */
  attemptTimeoutMs: number;
  /** How often the books are looked at while a URL is set. */
  tickMs: number;
}

export const DEFAULT_CALLBACK_SETTINGS: CallbackSettings = {
  url: undefined,
  duplicates: 'none',
  encryption: 'catalog',
  retryDelaysMs: [250, 500, 1000, 2000],
  attemptTimeoutMs: 5000,
  tickMs: 200,
};

export interface DeliveryAttempt {
  at: string;
  correlationId: string;
  /** The receiver's HTTP status and envelope code, when it answered. */
  status?: number;
  code?: string;
  /** Why no answer came (the error's name and message, no request data). */
  error?: string;
}

export interface Delivery {
  id: number;
  eventType: string;
  /** What happened on the platform, in words. */
  notice: string;
  /** 1, or 2 for the duplicate. */
  copy: number;
  encrypted: boolean;
  outcome: 'sending' | 'delivered' | 'gave-up';
  attempts: DeliveryAttempt[];
}

export interface CallbackSenderOptions {
  project: SandboxProject;
  state: SandboxState;
  now: () => number;
  keys: PemKeys;
  /** The zone the project's times are written in (X-KM-Time-Zone); default KST. */
  timeZone?: string;
  settings?: Partial<CallbackSettings>;
  onInternalError: (error: unknown) => void;
}

const DELIVERY_RECORD_CAPACITY = 500;

/** Why settings cannot be taken, naming the field; undefined when they can. */
export function callbackSettingsProblem(settings: Partial<CallbackSettings>): string | undefined {
  const { url, duplicates, encryption, retryDelaysMs, attemptTimeoutMs, tickMs } = settings;
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return 'url must be an http or https URL';
  }
  if (duplicates !== undefined && !DUPLICATE_DELIVERIES.includes(duplicates)) return `duplicates must be one of ${DUPLICATE_DELIVERIES.join('|')}`;
  if (encryption !== undefined && !CALLBACK_ENCRYPTIONS.includes(encryption)) return `encryption must be one of ${CALLBACK_ENCRYPTIONS.join('|')}`;
  if (retryDelaysMs !== undefined && (!Array.isArray(retryDelaysMs) || retryDelaysMs.length > 10 || !retryDelaysMs.every((ms) => Number.isInteger(ms) && ms >= 0 && ms <= 600_000))) {
    return 'retryDelaysMs must be at most 10 whole numbers of 0..600000';
  }
  if (attemptTimeoutMs !== undefined && !(Number.isInteger(attemptTimeoutMs) && attemptTimeoutMs >= 10 && attemptTimeoutMs <= 60_000)) return 'attemptTimeoutMs must be 10..60000';
  if (tickMs !== undefined && !(Number.isInteger(tickMs) && tickMs >= 10 && tickMs <= 60_000)) return 'tickMs must be 10..60000';
  return undefined;
}

export class CallbackSender {
  private current: CallbackSettings;
  private readonly records: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  /** cardApplyNo of the applications whose arrival was already seen. */
  private readonly arrived = new Set<string>();
  private ticker: NodeJS.Timeout | undefined;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: CallbackSenderOptions) {
    const problem = callbackSettingsProblem(options.settings ?? {});
    if (problem) throw new Error(`callbacks: ${problem}`);
    this.current = { ...DEFAULT_CALLBACK_SETTINGS, ...options.settings };
    options.state.payments.onSettled((charge) => this.notify({ type: 'charge-settled', charge }));
    this.restartTicker();
  }

  settings(): CallbackSettings {
    return { ...this.current, retryDelaysMs: [...this.current.retryDelaysMs] };
  }

  /** Takes the given settings (unset ones stay); `url: undefined` turns callbacks off. Throws naming the field. */
  configure(settings: Partial<CallbackSettings>): void {
    const problem = callbackSettingsProblem(settings);
    if (problem) throw new RangeError(problem);
    this.current = { ...this.current, ...settings };
    this.restartTicker();
  }

  deliveries(): Delivery[] {
    return this.records.map((record) => ({ ...record, attempts: [...record.attempts] }));
  }

  /** Resolves once no delivery is in flight (retries included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Something happened on the platform: send its callbacks (nothing when no URL is set). */
  notify(notice: CallbackNotice): void {
    const { url, duplicates } = this.current;
    if (!url || this.closed) return;
    let messages: CallbackMessage[];
    try {
      messages = callbackMessages(notice, this.options.state, this.timeZone);
    } catch (error) {
      this.options.onInternalError(error);
      return;
    }
    for (const message of messages) {
      const first = () => this.deliver(url, message, describeNotice(notice), 1);
      const second = () => this.deliver(url, message, describeNotice(notice), 2);
      if (duplicates === 'none') this.track(first());
      else if (duplicates === 'concurrent') {
        this.track(first());
        this.track(second());
      } else this.track(first().then(second));
    }
  }

  /** Settles what is due and notices arrived cards: what the ticker does, callable by tests. */
  tick(): void {
    const now = this.options.now();
    this.options.state.payments.settleDue(now);
    for (const application of this.options.state.cardApplications.all()) {
      if (this.arrived.has(application.cardApplyNo) || this.options.state.cardApplications.deliveryStatus(application, now) !== 'ARRIVAL') continue;
      this.arrived.add(application.cardApplyNo);
      this.notify({ type: 'card-delivered', application });
    }
  }

  /** Empties the record of deliveries; returns how many it held. */
  clearDeliveries(): number {
    const cleared = this.records.length;
    this.records.length = 0;
    return cleared;
  }

  /** The record of deliveries cleared and the arrivals forgotten (POST /__sandbox/reset); the settings stay. */
  reset(): void {
    this.records.length = 0;
    this.arrived.clear();
  }

  /** Stops the ticker and every waiting retry (the deliveries in flight give up). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.ticker) clearInterval(this.ticker);
    for (const { timer, wake } of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    await this.idle();
  }

  private get timeZone(): string {
    return this.options.timeZone ?? 'KST';
  }

  private restartTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    if (!this.current.url || this.closed) return;
    // Arrivals before callbacks were on are old news.
    const now = this.options.now();
    for (const application of this.options.state.cardApplications.all()) {
      if (this.options.state.cardApplications.deliveryStatus(application, now) === 'ARRIVAL') this.arrived.add(application.cardApplyNo);
    }
    this.ticker = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        this.options.onInternalError(error);
      }
    }, this.current.tickMs);
    this.ticker.unref();
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery.catch((error: unknown) => this.options.onInternalError(error)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => {
        this.timers.delete(entry);
        resolve();
      }, ms), wake: resolve };
      this.timers.add(entry);
    });
  }

  private async sealed(plaintext: string, encrypted: boolean): Promise<{ body: Buffer; keyId?: string }> {
    if (!encrypted) return { body: Buffer.from(plaintext, 'utf8') };
    // Callbacks always use the project's first crypto key (protocol.md §5.2).
    const key = this.options.project.cryptoKeys[0];
    if (!key) throw new Error('callbacks: the project has no crypto key to seal an encrypted callback');
    const { alg, enc } = { ...DEFAULT_RESPONSE_ENCRYPTION, ...key.responseEncryption };
    const jwe = await sealJwe(plaintext, key.clientPublicKey, this.options.keys, alg, enc);
    return { body: Buffer.from(`{"encData":"${jwe}"}`, 'utf8'), keyId: key.id };
  }

  private async deliver(url: string, message: CallbackMessage, notice: string, copy: number): Promise<void> {
    const { encryption, retryDelaysMs, attemptTimeoutMs } = this.current;
    const encrypted = encryption === 'all' || (encryption === 'catalog' && message.entry.encrypted);
    const record: Delivery = { id: this.nextId++, eventType: message.entry.eventType, notice, copy, encrypted, outcome: 'sending', attempts: [] };
    this.records.push(record);
    if (this.records.length > DELIVERY_RECORD_CAPACITY) this.records.shift();
    // Sealed once per delivery: its retries send the very same bytes.
    const { body, keyId } = await this.sealed(stringifyJson(message.body), encrypted);
    const signer = { aspId: this.options.project.aspId, secretKey: this.options.project.secretKey, timeZone: this.timeZone };
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      if (attempt > 0) await this.sleep(retryDelaysMs[attempt - 1]!);
      if (this.closed) break;
      const clock = platformClock(this.options.now(), this.timeZone);
      const tried: DeliveryAttempt = { at: new Date().toISOString(), correlationId: clock.correlationId };
      record.attempts.push(tried);
      try {
        const answer = await fetch(url, { method: 'POST', headers: signedHeaders(signer, body, clock, keyId), body, signal: AbortSignal.timeout(attemptTimeoutMs) });
        tried.status = answer.status;
        tried.code = codeOf(await answer.text());
        if (answer.status === 200) {
          record.outcome = 'delivered';
          return;
        }
      } catch (error) {
        const { name, message: why } = error as Error;
        tried.error = `${name}: ${why}`;
      }
    }
    record.outcome = 'gave-up';
  }
}

/** The envelope's code of an answer, when it has one. */
function codeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { response?: { code?: unknown } }).response?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
