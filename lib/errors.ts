/**
 * The one error taxonomy. Every layer throws a GatewayError whose `kind` says what went wrong (no
 * subclasses: ERROR_TABLE gives each kind its HTTP status and its name); anything else thrown
 * becomes `internal`. lib/middleware/format-answer.ts turns it into an HTTP answer or, for a direct
 * invoke, rethrows it so the caller (Step Functions, SDK) can catch it by name.
 */

export type ErrorKind =
  | 'invalid_request'
  | 'payload_too_large'
  | 'platform_invalid_input'
  | 'not_found'
  | 'conflict'
  | 'rejected'
  | 'platform_auth'
  | 'platform_unavailable'
  | 'timeout'
  | 'outcome_unknown'
  | 'configuration'
  | 'credentials_unavailable'
  | 'internal';

export interface ErrorTableRow {
  status: number;
  /** The error's name, as a direct-invoke caller sees it (errorType) and catches it. */
  name: string;
  meaning: string;
}

/** kind → HTTP status and error name. The README's error table is this table. */
export const ERROR_TABLE: Readonly<Record<ErrorKind, ErrorTableRow>> = {
  invalid_request: { status: 400, name: 'KonaplateInvalidRequest', meaning: 'The request broke a catalog rule; nothing was sent to the platform.' },
  payload_too_large: { status: 413, name: 'KonaplatePayloadTooLarge', meaning: 'The request body is larger than the gateway accepts; nothing was sent.' },
  platform_invalid_input: { status: 400, name: 'KonaplateInvalidInput', meaning: 'The platform refused a field value (000_002, 000_003, 000_015).' },
  not_found: { status: 404, name: 'KonaplateNotFound', meaning: 'The platform does not know the member, card or record named (e.g. 001_006).' },
  conflict: { status: 409, name: 'KonaplateConflict', meaning: 'The platform state forbids it now: already exists, already in progress (e.g. 001_001, 007_005).' },
  rejected: { status: 422, name: 'KonaplateRejected', meaning: 'Any other business refusal with HTTP 400 and a code other than 000_000.' },
  platform_auth: { status: 502, name: 'KonaplateAuthFailed', meaning: 'The platform refused the gateway credentials (access key, ASP ID, token, crypto key).' },
  platform_unavailable: { status: 502, name: 'KonaplateUnavailable', meaning: 'The platform answered 5xx, unreadably, or could not be reached.' },
  timeout: { status: 504, name: 'KonaplateTimeout', meaning: 'No answer within the deadline; a read that may be retried.' },
  outcome_unknown: { status: 504, name: 'KonaplateOutcomeUnknown', meaning: 'A write may or may not have taken effect. Money (charge, payment, their cancels, refund): call again with the same key — sequenceId, transactionId, or the nrNumber a payment cancel names — it is never sent twice; other writes: check the platform state before repeating.' },
  configuration: { status: 500, name: 'GatewayConfigurationError', meaning: 'The gateway is misconfigured (secret missing or malformed, env var unset).' },
  credentials_unavailable: { status: 503, name: 'GatewayCredentialsUnavailable', meaning: 'Secrets Manager could not be reached; nothing was sent to the platform.' },
  internal: { status: 500, name: 'GatewayInternalError', meaning: 'A bug in the gateway.' },
};

export interface ErrorDetails {
  /** The request field at fault, as a JSON pointer without the leading slash (e.g. "addressInfo/zipCode"). */
  field?: string;
  /** The rule it broke, e.g. "maximum 999999999999999". */
  rule?: string;
  platformCode?: string;
  platformDescription?: string;
  platformStatus?: number;
  correlationId?: string;
  /** The key of a money request (the operation's `money.key`), under its own name. */
  sequenceId?: string;
  transactionId?: string;
  nrNumber?: string;
}

/**
 * How far a failed platform call got, which decides whether it may be repeated:
 * `not-sent` surely never reached the platform; `maybe-sent` may have taken effect (lost answer,
 * timeout, 5xx, unreadable answer); `refused` the platform answered with a definitive refusal.
 */
export type Delivery = 'not-sent' | 'maybe-sent' | 'refused';

export class GatewayError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly details: ErrorDetails;
  /** Set on errors of a platform call; never part of the answer. */
  readonly delivery: Delivery | undefined;

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}, options?: { cause?: unknown; delivery?: Delivery }) {
    super(message, options);
    this.delivery = options?.delivery;
    this.kind = kind;
    this.status = ERROR_TABLE[kind].status;
    this.name = ERROR_TABLE[kind].name;
    this.details = details;
    // Re-captured after naming, so the stack's first line (all a Lambda emulator may pass on) says the type.
    Error.captureStackTrace?.(this, new.target);
  }

  /** The JSON body of the HTTP answer; carries no secret and no request value. */
  toBody(): { error: { type: string; message: string } & ErrorDetails } {
    return { error: { type: this.name, message: this.message, ...this.details } };
  }
}

export const invalidRequest = (field: string, rule: string, message?: string) =>
  new GatewayError('invalid_request', message ?? (field ? `${field}: ${rule}` : rule), { field, rule });

export const configurationError = (message: string, cause?: unknown) =>
  new GatewayError('configuration', message, {}, { cause });

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** Any thrown value as a GatewayError; unknown errors become `internal` without leaking their text. */
export function asGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  return new GatewayError('internal', 'internal gateway error', {}, { cause: error });
}
