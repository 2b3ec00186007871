/**
 * What the two transports share: how an operation is named to them, the options of one call, and
 * the one method each implements. Both answer the gateway's business object or throw a
 * KonaplateError subclass (client/error-decoding.ts), so the client above them is transport-blind.
 */

/** An integer id the platform types as up to 19 digits: exact as a number within 2^53, a bigint beyond. */
export type Int64 = number | bigint;

/** An id as a request may carry it: a number (within 2^53), a bigint, or a decimal string. */
export type Int64Input = number | bigint | string;

/** What the client needs to know of an operation at run time (generated into client/operations.ts). */
export interface OperationInfo {
  /** The function name, camelCase: `konaplate-gateway-<stage>-<id>` by direct invoke. */
  readonly id: string;
  /** The HTTP route, the platform's own path. */
  readonly path: string;
  readonly kind: 'read' | 'write' | 'money';
  /**
   * Where the answer carries Int64 ids, as `a/b` paths (`*` an array's items): by direct invoke the
   * gateway sends ids beyond 2^53 as decimal strings, which the client turns back into bigint.
   */
  readonly int64Answer: readonly string[];
  /** A money operation's key, the request field its retries carry unchanged (lib/catalog `money.key`). */
  readonly moneyKey?: MoneyKeyName;
}

export interface CallOptions {
  /** Aborts the call (and, for a charge, the retries). */
  signal?: AbortSignal;
  /** Gives up waiting for this one answer after so many ms (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

export interface Transport {
  /** One request to the operation: its answer, or a KonaplateError. */
  send(operation: OperationInfo, request: object, options: CallOptions): Promise<Record<string, unknown>>;
}

/** AWS credentials, as the AWS SDK's providers give them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A function that yields credentials (e.g. `fromIni()`, `fromTemporaryCredentials()` of @aws-sdk/credential-providers). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** The request fields money operations are keyed by (a charge's sequenceId, a payment's transactionId, the payment a cancel names). */
export type MoneyKeyName = 'sequenceId' | 'transactionId' | 'nrNumber';
