import type { Static, TObject } from '@sinclair/typebox';
import type { ErrorKind } from '../errors';
import type { EventKind } from '../events/types';
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
   * The platform already knows the request's key (sequenceId, transactionId, the payment a cancel
   * names): for a money operation this says nothing about failure, so the gateway learns what became
   * of that request instead.
   */
  duplicateKey?: true;
}

/** The checks of an operation's request and answer schemas. */
export interface OperationChecks {
  request: SchemaCheck;
  response: SchemaCheck;
}

/** The facts every operation carries at run time, whatever its kind. */
interface RunTimeFacts {
  /** Function name in serverless.yml, camelCase. */
  id: string;
  path: string;
  version: string;
  encrypted: { request: boolean; response: boolean };
  /** Codes this operation documents (or, marked undocumented, that we designed for it). */
  resultCodes: readonly ResultCode[];
  /** Upstream budget for one call, ms; the Lambda's remaining time may cut it shorter. */
  timeoutMs?: number;
  checks: OperationChecks;
}

interface PlainKind<K extends 'read' | 'write'> {
  kind: K;
  money?: undefined;
}

/** The kinds of the platform events a settled money request is (lib/events/types.ts; the sweeper builds them, lib/reconciler). */
export type MoneyEventKind = Extract<EventKind, 'charge.settled' | 'payment.approved' | 'payment.cancelled' | 'refund.settled'>;

/**
 * Which rows of the card's transaction history (`cardTransactionHistory`, protocol.md §7.2) are the
 * request: its `trType` (00 payment, 02 refund) and `authCancelType`, the amount when the request
 * names one, and an approval time within the window around when it was sent.
 */
export interface HistoryMatch {
  trType: '00' | '02';
  authCancelType: 'AUTH' | 'CANCEL';
  /** The request field whose value the row's `trAmount` must equal; none: any amount (a refund moves the whole balance). */
  amountField?: string;
  /** Answer fields filled from the matched row (answer field → history field), e.g. nrNumber → nrNumber. */
  answerFields: Readonly<Record<string, string>>;
}

/**
 * How the outcome of a request whose answer was lost is learned: by asking the result by the
 * request's key (the charge and its cancel, protocol.md §7.2), or, where the platform offers no such
 * read, by finding the request in the card's transaction history. A money operation must say which.
 */
export type OutcomeSource<Read> =
  | { by: 'inquiry'; inquiry: Read }
  | { by: 'history'; history: Read; match: HistoryMatch };

/**
 * What makes a money operation safe to retry (lib/money/): the request field that identifies it in
 * the ledger (`<op id>#<key>`), how its lost outcome is learned, what the ledger keeps of it, and
 * which event a settlement is.
 */
export interface MoneyRules<Read, Field extends string = string> {
  /** The caller's id of the request (sequenceId, transactionId, or the nrNumber of the payment a cancel reverses). */
  key: Field;
  outcome: OutcomeSource<Read>;
  /**
   * Request fields the ledger record keeps beside the key: what the outcome is learned by (the card's
   * `par`, the amount) and the settled event names. Never a token, dCVV or card number.
   */
  keep: readonly Field[];
  /** Request fields the gateway reads and never sends: the card whose history tells a lost outcome (`par`). */
  gatewayOnly?: readonly Field[];
  event: MoneyEventKind;
}

/**
 * A money operation cannot exist without saying how a lost answer's outcome is learned (a read:
 * the result inquiry answering `{ result: 'COMPLETED' | 'FAILED' | 'PENDING' }`, or the card's
 * history): the money's fate would otherwise stay unknown for good.
 */
interface MoneyKind<Read, Field extends string = string> {
  kind: 'money';
  money: MoneyRules<Read, Field>;
}

interface ReadGatewayOperation extends RunTimeFacts, PlainKind<'read'> {}
interface WriteGatewayOperation extends RunTimeFacts, PlainKind<'write'> {}
interface MoneyGatewayOperation extends RunTimeFacts, MoneyKind<ReadGatewayOperation> {}
interface GatewayOperations {
  read: ReadGatewayOperation;
  write: WriteGatewayOperation;
  money: MoneyGatewayOperation;
}

/**
 * What a function needs of its operation at run time, by kind: `GatewayOperation<'money'>` is a
 * money operation, `GatewayOperation` any. A catalog entry is one; so is the module compiled from it
 * at build time (lib/catalog/compiled/), which carries the checks as plain code instead of TypeBox
 * schemas, so no TypeBox ships in a function's bundle.
 */
export type GatewayOperation<K extends OperationKind = OperationKind> = GatewayOperations[K];

/** A catalog entry's facts beyond the run-time ones: the schemas, and where the facts come from. */
interface CatalogFacts<Req extends TObject, Res extends TObject> extends RunTimeFacts {
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
  /** TypeBox's checks of `request` and `response` (lib/catalog/validate.ts), compiled on first use. */
  checks: OperationChecks;
}

interface ReadOperation<Req extends TObject, Res extends TObject> extends CatalogFacts<Req, Res>, PlainKind<'read'> {}
interface WriteOperation<Req extends TObject, Res extends TObject> extends CatalogFacts<Req, Res>, PlainKind<'write'> {}
interface MoneyOperation<Req extends TObject, Res extends TObject> extends CatalogFacts<Req, Res>, MoneyKind<ReadOperation<TObject, TObject>> {}
interface Operations<Req extends TObject, Res extends TObject> {
  read: ReadOperation<Req, Res>;
  write: WriteOperation<Req, Res>;
  money: MoneyOperation<Req, Res>;
}

/** A catalog entry: the run-time facts, the schemas they are checked by, and where they come from. */
export type Operation<Req extends TObject = TObject, Res extends TObject = TObject, K extends OperationKind = OperationKind> = Operations<Req, Res>[K];

/** A request field of the entry's own schema: a money entry's key and kept fields must be among them. */
type FieldOf<Req extends TObject> = Extract<keyof Static<Req>, string>;

interface KindEntries<Req extends TObject> {
  read: PlainKind<'read'>;
  write: PlainKind<'write'>;
  money: MoneyKind<Operation<TObject, TObject, 'read'>, FieldOf<Req>>;
}

/** A catalog entry, with TypeBox's checks of its schemas attached. `kind: 'money'` without its `money` rules does not compile. */
export function defineOperation<Req extends TObject, Res extends TObject, K extends OperationKind>(
  entry: Omit<CatalogFacts<Req, Res>, 'checks'> & KindEntries<Req>[K] & { kind: K },
): Operation<Req, Res, K> {
  const checks: OperationChecks = { request: schemaCheck(entry.request), response: schemaCheck(entry.response) };
  // The entry is Operations<Req, Res>[K] but for `checks`; TypeScript cannot see that through the index by K.
  return { ...entry, checks } as unknown as Operation<Req, Res, K>;
}
