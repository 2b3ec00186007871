import type { TObject } from '@sinclair/typebox';
import type { ErrorKind } from '../errors';
import type { SchemaCheck } from './checks';
import { schemaCheck } from './validate';

export type OperationGroup = 'user' | 'account' | 'payment' | 'card' | 'tax';

/**
 * How an operation may be retried: reads freely; writes only when the request surely did not
 * reach the platform; money-moving ones never blindly (their outcome is asked for instead).
 */
export type OperationKind = 'read' | 'write' | 'money';

export interface ResultCode {
  code: string;
  /** The platform's HTTP status for the code. */
  http: number;
  meaning: string;
  /** How the gateway reports it; the HTTP status comes from the one error table (lib/errors.ts). */
  kind: ErrorKind;
  documented: boolean;
  /**
   * The platform already knows the request's sequenceId: for a money operation this says nothing
   * about failure, so the gateway asks what became of that sequenceId instead.
   */
  duplicateSequenceId?: true;
}

/** The checks of an operation's request and answer schemas. */
export interface OperationChecks {
  request: SchemaCheck;
  response: SchemaCheck;
}

/**
 * What a function needs of its operation at run time. A catalog entry is one; so is the module
 * compiled from it at build time (lib/catalog/compiled/, `npm run validators`), which carries the
 * checks as plain code instead of TypeBox schemas, so no TypeBox ships in a function's bundle.
 */
export interface GatewayOperation {
  /** Function name in serverless.yml, camelCase. */
  id: string;
  path: string;
  version: string;
  encrypted: { request: boolean; response: boolean };
  kind: OperationKind;
  /** Codes this operation documents (or, marked undocumented, that we designed for it). */
  resultCodes: readonly ResultCode[];
  /** Upstream budget for one call, ms; the Lambda's remaining time may cut it shorter. */
  timeoutMs?: number;
  /**
   * For money operations: the read that tells what became of a request by its sequenceId
   * (protocol.md §7.2), answering `{ result: 'COMPLETED' | 'FAILED' | 'PENDING' }`.
   */
  outcomeInquiry?: GatewayOperation;
  checks: OperationChecks;
}

/** A catalog entry: the run-time facts above, the schemas they are checked by, and where they come from. */
export interface Operation<Req extends TObject = TObject, Res extends TObject = TObject> extends GatewayOperation {
  /** Entry number in the platform's documentation order. */
  n: number;
  title: string;
  titleKo?: string;
  group: OperationGroup;
  /** Business fields of the request (the JSON the caller sends). */
  request: Req;
  /** Business fields of a successful answer, without the platform's `response` envelope. */
  response: Res;
  /** Which parts the public documentation shows; false = designed by us, plausible, unconfirmed. */
  documented: { path: boolean; encryption: boolean; request: boolean; response: boolean };
  /** Where the facts come from. */
  sources: readonly string[];
  gaps?: string;
  outcomeInquiry?: Operation;
  /** TypeBox's checks of `request` and `response` (lib/catalog/validate.ts), compiled on first use. */
  checks: OperationChecks;
}

/** A catalog entry, with TypeBox's checks of its schemas attached. */
export const defineOperation = <Req extends TObject, Res extends TObject>(entry: Omit<Operation<Req, Res>, 'checks'>): Operation<Req, Res> => ({
  ...entry,
  checks: { request: schemaCheck(entry.request), response: schemaCheck(entry.response) },
});
