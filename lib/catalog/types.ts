import type { TObject } from '@sinclair/typebox';
import type { ErrorKind } from '../errors';

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

export interface Operation<Req extends TObject = TObject, Res extends TObject = TObject> {
  /** Function name in serverless.yml, camelCase. */
  id: string;
  /** Entry number in the platform's documentation order. */
  n: number;
  title: string;
  titleKo?: string;
  group: OperationGroup;
  path: string;
  version: string;
  encrypted: { request: boolean; response: boolean };
  kind: OperationKind;
  /** Business fields of the request (the JSON the caller sends). */
  request: Req;
  /** Business fields of a successful answer, without the platform's `response` envelope. */
  response: Res;
  /** Codes this operation documents (or, marked undocumented, that we designed for it). */
  resultCodes: readonly ResultCode[];
  /** Which parts the public documentation shows; false = designed by us, plausible, unconfirmed. */
  documented: { path: boolean; encryption: boolean; request: boolean; response: boolean };
  /** Where the facts come from. */
  sources: readonly string[];
  gaps?: string;
  /** Upstream budget for one call, ms; the Lambda's remaining time may cut it shorter. */
  timeoutMs?: number;
  /**
   * For money operations: the read that tells what became of a request by its sequenceId
   * (protocol.md §7.2), answering `{ result: 'COMPLETED' | 'FAILED' | 'PENDING' }`.
   */
  outcomeInquiry?: Operation;
}

export const defineOperation = <Req extends TObject, Res extends TObject>(op: Operation<Req, Res>): Operation<Req, Res> => op;
