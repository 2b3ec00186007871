/**
 * Why a callback is refused, with the code and HTTP status the receiver answers in the platform's
 * own envelope (protocol.md §5.4). The codes are the platform's designed authentication and
 * envelope codes (protocol.md §4.4), so a KONA engineer reads them as the platform's own; `000_111`
 * (a correlation id seen before) is new. Nothing of a refused callback is recorded or handed on.
 */
export const REFUSALS = {
  /** A common header missing or misshaped, or the times in them disagree. */
  header: { code: '000_101', status: 401 },
  /** No X-KM-Tran-Token: an unsigned body could come from anyone who knows the URL. */
  missing_token: { code: '000_104', status: 401 },
  /** X-KM-User-AspId is not the project's. */
  asp_id: { code: '000_103', status: 401 },
  /** X-KM-Tran-Time more than 5 minutes before the receiver's clock. */
  stale: { code: '000_105', status: 401 },
  /** X-KM-Tran-Time more than 5 minutes after the receiver's clock. */
  future: { code: '000_105', status: 401 },
  /** The token does not match the body under the project's secret key (or is not shaped like one). */
  signature: { code: '000_104', status: 401 },
  /** An encrypted body under a crypto key id other than the project's first. */
  crypto_key: { code: '000_106', status: 401 },
  /** X-KM-Correlation-Id seen before within the replay window. */
  replayed: { code: '000_111', status: 401 },
  /** A body with `encData` that is not exactly `{"encData":"<JWE>"}`. */
  envelope: { code: '000_108', status: 400 },
  /** The JWE does not open with the first key's client private key. */
  decryption: { code: '000_107', status: 400 },
  /** The body (or the JWE plaintext) is not a UTF-8 JSON object. */
  body: { code: '000_109', status: 400 },
  /** Larger than any callback the catalog designs. */
  too_large: { code: '000_109', status: 413 },
} as const satisfies Record<string, { code: string; status: number }>;

export type RefusalReason = keyof typeof REFUSALS;

export class CallbackRefusal extends Error {
  override readonly name = 'CallbackRefusal';
  readonly code: string;
  readonly status: number;

  constructor(
    readonly reason: RefusalReason,
    /** Names the header or rule, never a value of the request. */
    readonly description: string,
  ) {
    super(`${reason}: ${description}`);
    this.code = REFUSALS[reason].code;
    this.status = REFUSALS[reason].status;
  }
}

export const refuse = (reason: RefusalReason, description: string): never => {
  throw new CallbackRefusal(reason, description);
};
