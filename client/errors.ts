/**
 * The base of every error the client throws for an answer it got (or did not get). The gateway's
 * error kinds each have their own subclass (client/error-classes.ts, generated from lib/errors.ts's
 * table), the same over HTTP and by direct invoke, so `err instanceof KonaplateNotFound` works
 * whichever transport carried it.
 */
import type { ErrorDetails } from '../lib/errors';

/** What an error says: the details of the gateway's error body (lib/errors.ts), and what the transport adds. */
export interface KonaplateErrorFields extends ErrorDetails {
  /** The error's type as the gateway (or the transport) named it. */
  type?: string;
  status?: number;
  cause?: unknown;
}

export class KonaplateError extends Error {
  /** The gateway's name for this kind of error (a direct-invoke caller's `errorType`). */
  static readonly type: string = 'KonaplateError';
  /** lib/errors.ts's kind, for the gateway's own error classes. */
  static readonly kind: string | undefined = undefined;
  /** The HTTP status the gateway answers this kind with. */
  static readonly status: number | undefined = undefined;

  /** The type the gateway or the transport reported: the class's own for a known kind, the foreign name otherwise. */
  readonly type: string;
  readonly kind: string | undefined;
  /** The HTTP status (by direct invoke: the status the gateway's table gives this kind). */
  readonly status: number | undefined;
  /** The request field at fault, a JSON pointer without the leading slash (e.g. `addressInfo/zipCode`). */
  readonly field: string | undefined;
  /** The rule the field broke (e.g. `maximum 999999999999999`). */
  readonly rule: string | undefined;
  /** The platform's result code (e.g. `001_006`). */
  readonly platformCode: string | undefined;
  readonly platformDescription: string | undefined;
  readonly platformStatus: number | undefined;
  /** The platform call's `X-KM-Correlation-Id` (HTTP only: the Lambda runtime passes no more than the name and message). */
  readonly correlationId: string | undefined;
  /**
   * A money request's key, under its operation's name for it (a charge's or refund's sequenceId, a
   * payment's transactionId, the nrNumber a payment cancel names): call again with it, never with a
   * new one, while the outcome is unknown.
   */
  readonly sequenceId: string | undefined;
  readonly transactionId: string | undefined;
  readonly nrNumber: string | undefined;

  constructor(message: string, fields: KonaplateErrorFields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    const own = new.target as typeof KonaplateError;
    // The static type, not the class name, which a caller's minifier may rename.
    this.name = own.type;
    this.type = fields.type ?? own.type;
    this.kind = own.kind;
    this.status = fields.status ?? own.status;
    this.field = fields.field;
    this.rule = fields.rule;
    this.platformCode = fields.platformCode;
    this.platformDescription = fields.platformDescription;
    this.platformStatus = fields.platformStatus;
    this.correlationId = fields.correlationId;
    this.sequenceId = fields.sequenceId;
    this.transactionId = fields.transactionId;
    this.nrNumber = fields.nrNumber;
  }
}

/**
 * No complete answer came back from the gateway (connection refused or reset, the client's own
 * timeout). For a write the request may have arrived: `charge`/`cancelCharge` retry it with the
 * same sequenceId; for other writes, check the state before repeating.
 */
export class KonaplateNetworkError extends KonaplateError {
  static override readonly type: string = 'KonaplateNetworkError';
}
