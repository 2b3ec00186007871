/**
 * Every fault a test can schedule, one entry each in FAULT_KINDS: its fields (the type argument),
 * the check of a fault sent to the control API, where it strikes and what it does there. The fault
 * types are derived from this table, and the request pipeline (open-api.ts), the control API and the
 * TLS front dispatch through it, so a new kind is one entry here and the compiler asks for all of it.
 *
 * Where a kind strikes (`acts`):
 * - `delivery`: the request passed every platform check; the effect is committed or not
 *   (`commits`), then the answer goes out broken, late or wrong (`deliver`).
 * - `refusal`: the operation refuses with a platform code instead of running; nothing is committed.
 * - `behaviour`: the behaviour honours it (a pending charge); the answer goes out as rendered.
 * - `connection`: a new connection fails before any request is read (TLS sandbox only).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import type { SecureContext } from 'node:tls';
import { findResultCode } from '../../../lib/catalog/result-codes';
import type { Operation } from '../../../lib/catalog/types';
import type { BehaviourContext } from '../../behaviours/behaviour';
import { sendJson } from '../../http-io';
import { sendAnswer, type RenderedAnswer } from '../answer-rendering';
import { PemKeys, sealJwe } from '../compact-jwe';
import { resetConnection } from '../connection-reset';
import { brokenAnswer, contentLength, firstHalf, head, INTERNAL_ERROR, NOT_JSON_PAGE, trickle, writeThenReset } from './broken-answer';
import { strangerPublicKey, strangerTlsContext } from './strangers';

/** What a delivery fault works with: the request's connection and the answer as it would have gone out. */
export interface AnswerDelivery {
  req: IncomingMessage;
  res: ServerResponse;
  socket: Socket;
  rendered: RenderedAnswer;
}

/** A new connection, before its TLS handshake. */
export interface NewConnection {
  tcp: Socket;
  /** Runs the TLS handshake with this context and hands the secure socket to the HTTP server. */
  handshake(context: SecureContext): void;
}

interface KindBase<F> {
  /** Checks a fault sent to the control API: a problem naming the field and rule, or undefined. */
  check(fault: Record<string, unknown>): string | undefined;
  /** Type only, never set: the fault's fields beside `type`. */
  readonly fields?: F;
}

interface DeliveryKind<F> extends KindBase<F> {
  acts: 'delivery';
  /** Whether the operation's effect is committed before the fault strikes. */
  commits(fault: F): boolean;
  deliver(fault: F, out: AnswerDelivery): void | Promise<void>;
}

interface RefusalKind<F> extends KindBase<F> {
  acts: 'refusal';
  /** A problem with scheduling it for this operation, or undefined. */
  checkFor(fault: F, op: Operation): string | undefined;
  /** The result code answered. */
  code(fault: F): string;
}

interface BehaviourKind<F> extends KindBase<F> {
  acts: 'behaviour';
  /** A problem with scheduling it for this operation (one whose behaviour cannot honour it), or undefined. */
  checkFor(fault: F, op: Operation): string | undefined;
  /** What the behaviour is told. */
  context(fault: F): Pick<BehaviourContext, 'forcedSettle'>;
}

interface ConnectionKind<F> extends KindBase<F> {
  acts: 'connection';
  strike(fault: F, connection: NewConnection): void;
}

type AnswerKind<F> = DeliveryKind<F> | RefusalKind<F> | BehaviourKind<F>;
type FaultKind<F> = AnswerKind<F> | ConnectionKind<F>;

const delivery = <F>(kind: Omit<DeliveryKind<F>, 'acts'>): DeliveryKind<F> => ({ acts: 'delivery', ...kind });
const refusal = <F>(kind: Omit<RefusalKind<F>, 'acts'>): RefusalKind<F> => ({ acts: 'refusal', ...kind });
const behaviour = <F>(kind: Omit<BehaviourKind<F>, 'acts'>): BehaviourKind<F> => ({ acts: 'behaviour', ...kind });
const connection = <F>(kind: Omit<ConnectionKind<F>, 'acts'>): ConnectionKind<F> => ({ acts: 'connection', ...kind });

/** Whether the effect is committed before the answer breaks; not committed, the broken answer is a 000_001. */
interface Commit {
  commit: boolean;
}

const isInteger = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const commitProblem = (type: string) => (fault: Record<string, unknown>) =>
  typeof fault.commit === 'boolean' ? undefined : `${type}.commit must be true or false`;
const asCommitted = (fault: Commit) => fault.commit;
const always = () => true;
const noFields = () => undefined;
const strangerKeys = new PemKeys();

export const FAULT_KINDS = {
  /** Commits, then answers `ms` late: a gateway that gives up first has lost the answer. */
  'delay': delivery<{ ms: number }>({
    check: (fault) => (isInteger(fault.ms, 0, 120_000) ? undefined : 'delay.ms must be 0..120000'),
    commits: always,
    deliver: async (fault, { res, socket, rendered }) => {
      await setTimeout(fault.ms);
      if (!res.destroyed && !socket.destroyed) sendAnswer(res, rendered);
    },
  }),
  /** Closes the connection before any answer byte, as when the platform or a proxy dies mid-request. */
  'drop': delivery<Commit>({
    check: commitProblem('drop'),
    commits: asCommitted,
    deliver: (_fault, { socket }) => void socket.destroy(),
  }),
  /** Status line and headers, then a TCP reset. */
  'reset-after-headers': delivery<Commit>({
    check: commitProblem('reset-after-headers'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => {
      const answer = brokenAnswer(fault.commit, rendered);
      writeThenReset(socket, head(answer, contentLength(answer)));
    },
  }),
  /** Status line, headers and half the body, then a TCP reset. */
  'reset-mid-body': delivery<Commit>({
    check: commitProblem('reset-mid-body'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => {
      const answer = brokenAnswer(fault.commit, rendered);
      writeThenReset(socket, head(answer, contentLength(answer)), firstHalf(answer));
    },
  }),
  /** Status line and headers, then silence: the connection stays open until the client leaves. */
  'stall-after-headers': delivery<Commit>({
    check: commitProblem('stall-after-headers'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => {
      const answer = brokenAnswer(fault.commit, rendered);
      socket.write(head(answer, contentLength(answer)));
    },
  }),
  /** Headers at once, then the body one byte every `byteEveryMs`. */
  'trickle': delivery<Commit & { byteEveryMs: number }>({
    check: (fault) => commitProblem('trickle')(fault) ?? (isInteger(fault.byteEveryMs, 1, 10_000) ? undefined : 'trickle.byteEveryMs must be 1..10000'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => trickle(socket, brokenAnswer(fault.commit, rendered), fault.byteEveryMs),
  }),
  /** A Content-Length 64 bytes larger than the body sent, then a clean close. */
  'short-body': delivery<Commit>({
    check: commitProblem('short-body'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => {
      const answer = brokenAnswer(fault.commit, rendered);
      socket.end(Buffer.concat([head(answer, { 'Content-Length': answer.body.length + 64 }), answer.body]));
    },
  }),
  /** A Content-Length of half the body, then the whole body and a clean close. */
  'long-body': delivery<Commit>({
    check: commitProblem('long-body'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => {
      // One write, so the client reads the declared half and the rest together: a framing error, not a success.
      const answer = brokenAnswer(fault.commit, rendered);
      socket.end(Buffer.concat([head(answer, { 'Content-Length': answer.body.length >> 1 }), answer.body]));
    },
  }),
  /** A chunked body whose last chunk never comes: half the body as one chunk, then a clean close. */
  'chunked-cut': delivery<Commit>({
    check: commitProblem('chunked-cut'),
    commits: asCommitted,
    deliver: (fault, { socket, rendered }) => {
      const answer = brokenAnswer(fault.commit, rendered);
      const half = firstHalf(answer);
      socket.end(Buffer.concat([head(answer, { 'Transfer-Encoding': 'chunked' }), Buffer.from(`${half.length.toString(16)}\r\n`), half, Buffer.from('\r\n')]));
    },
  }),
  /** A complete HTTP answer whose body is an HTML page, not JSON. */
  'not-json': delivery<Commit>({
    check: commitProblem('not-json'),
    commits: asCommitted,
    deliver: (fault, { res, rendered }) => {
      const answer = brokenAnswer(fault.commit, rendered);
      res.writeHead(answer.status, { ...answer.headers, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(NOT_JSON_PAGE) });
      res.end(NOT_JSON_PAGE);
    },
  }),
  /** Answers a 5xx (with the 000_001 envelope, or an HTML page), with or without committing. */
  'status': delivery<Commit & { status: 500 | 502 | 503 | 504; html?: boolean }>({
    check: (fault) => ([500, 502, 503, 504].includes(fault.status as number) && typeof fault.commit === 'boolean' && (fault.html === undefined || typeof fault.html === 'boolean')
      ? undefined : 'status needs status 500|502|503|504, commit true|false and html true|false if given'),
    commits: asCommitted,
    deliver: (fault, { res, rendered }) => {
      if (!fault.html) return sendJson(res, fault.status, INTERNAL_ERROR, rendered.headers);
      res.writeHead(fault.status, { 'Content-Type': 'text/html' });
      res.end(`<html><body><h1>${fault.status}</h1></body></html>`);
    },
  }),
  /** Refuses with a platform code (from the operation's or the common table) without committing. */
  'code': refusal<{ code: string }>({
    check: (fault) => (typeof fault.code === 'string' && /^\d{3}_\d{3}$/.test(fault.code) ? undefined : 'code.code must look like 007_004'),
    checkFor: (fault, op) => (findResultCode(op, fault.code) ? undefined : `code ${fault.code} is not a result code of ${op.id}`),
    code: (fault) => fault.code,
  }),
  /** Commits, then answers 200 with a complete HTTP message whose JSON body is cut short. */
  'malformed': delivery<object>({
    check: noFields,
    commits: always,
    deliver: (_fault, { res, rendered }) => {
      res.writeHead(200, { ...rendered.headers, 'Content-Type': 'application/json' });
      res.end('{"response":{"code":"000_000","descr');
    },
  }),
  /** Commits, then answers `{"encData": ...}` sealed to a key the client does not hold. */
  'bad-encryption': delivery<object>({
    check: noFields,
    commits: always,
    deliver: async (_fault, { res, rendered }) => {
      const encData = await sealJwe('{"response":{"code":"000_000","description":"Success."}}', strangerPublicKey(), strangerKeys, 'RSA-OAEP-256', 'A128GCM');
      sendJson(res, 200, { encData }, rendered.headers);
    },
  }),
  /**
   * A charge that answers isPending: true and later settles as `then` (the charge behaviour honours
   * it). Only for an operation whose answer can pend: a card payment or a refund is approved or
   * refused at once (its answer has no isPending).
   */
  'pending': behaviour<{ then: 'COMPLETED' | 'FAILED' }>({
    check: (fault) => (fault.then === 'COMPLETED' || fault.then === 'FAILED' ? undefined : 'pending.then must be COMPLETED or FAILED'),
    checkFor: (_fault, op) => (Object.hasOwn(op.response.properties, 'isPending') ? undefined : `${op.id} cannot answer pending (its answer has no isPending)`),
    context: (fault) => ({ forcedSettle: fault.then }),
  }),
  /**
   * The next new TLS connection fails its handshake: `reset` after the client's hello, or
   * `untrusted-certificate` (a self-signed certificate no client trusts).
   */
  'tls-handshake': connection<{ how: 'reset' | 'untrusted-certificate' }>({
    check: (fault) => (fault.how === 'reset' || fault.how === 'untrusted-certificate' ? undefined : 'tls-handshake.how must be reset or untrusted-certificate'),
    strike: (fault, { tcp, handshake }) => {
      // The client's hello arrived; the connection dies before any answer to it.
      if (fault.how === 'reset') tcp.once('data', () => resetConnection(tcp));
      else handshake(strangerTlsContext());
    },
  }),
};

type Kinds = typeof FAULT_KINDS;
export type FaultType = keyof Kinds;
type FieldsOf<T extends FaultType> = Kinds[T] extends KindBase<infer F> ? F : never;
type FaultOf<T extends FaultType> = T extends FaultType ? { type: T } & FieldsOf<T> : never;
type TypesActing<A extends FaultKind<unknown>['acts']> = { [T in FaultType]: Kinds[T]['acts'] extends A ? T : never }[FaultType];

export type Fault = { [T in FaultType]: FaultOf<T> }[FaultType];
/** Faults that strike a call of an operation. */
export type AnswerFault = FaultOf<TypesActing<AnswerKind<unknown>['acts']>>;
/** Faults that strike a new connection, whatever operation it would carry. */
export type ConnectionFault = FaultOf<TypesActing<'connection'>>;

export const FAULT_TYPES = Object.keys(FAULT_KINDS) as FaultType[];

// The table is keyed by type, so the entry of fault.type takes exactly that fault: the casts below
// only restate it, for lack of a way to say so to the compiler.
function answerFaultKind<F extends AnswerFault>(fault: F): AnswerKind<F> {
  return FAULT_KINDS[fault.type] as unknown as AnswerKind<F>;
}

export function connectionFaultKind<F extends ConnectionFault>(fault: F): ConnectionKind<F> {
  return FAULT_KINDS[fault.type] as unknown as ConnectionKind<F>;
}

export function isConnectionFault(fault: Fault): fault is ConnectionFault {
  return FAULT_KINDS[fault.type].acts === 'connection';
}

/** An answer's way out under a `delivery` fault. */
export interface FaultBreakage {
  type: FaultType;
  deliver(out: AnswerDelivery): void | Promise<void>;
}

/** What a scheduled answer fault (or none) does to one call of an operation. */
export interface FaultEffect {
  /** Refuse with this result code instead of running the behaviour. */
  refusal?: string;
  /** Whether the behaviour runs and its effect is committed. */
  commits: boolean;
  behaviourContext: Pick<BehaviourContext, 'forcedSettle'>;
  /** How the answer goes out, when the fault breaks it. */
  breakage?: FaultBreakage;
}

export function effectOf(fault: AnswerFault | undefined): FaultEffect {
  if (!fault) return { commits: true, behaviourContext: {} };
  const kind = answerFaultKind(fault);
  switch (kind.acts) {
    case 'refusal': return { refusal: kind.code(fault), commits: false, behaviourContext: {} };
    case 'behaviour': return { commits: true, behaviourContext: kind.context(fault) };
    case 'delivery': return { commits: kind.commits(fault), behaviourContext: {}, breakage: { type: fault.type, deliver: (out) => kind.deliver(fault, out) } };
  }
}

/** Checks a fault sent to the control API; returns a problem or undefined. */
export function faultProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'fault must be an object';
  const fault = value as Record<string, unknown>;
  const kind = Object.hasOwn(FAULT_KINDS, fault.type as string) ? FAULT_KINDS[fault.type as FaultType] : undefined;
  return kind ? kind.check(fault) : `fault.type must be one of ${FAULT_TYPES.join('|')}`;
}

/** A problem with scheduling an answer fault for this operation (a code it does not have, a pending it cannot answer), or undefined. */
export function faultProblemFor(fault: AnswerFault, op: Operation): string | undefined {
  const kind = answerFaultKind(fault);
  return kind.acts === 'refusal' || kind.acts === 'behaviour' ? kind.checkFor(fault, op) : undefined;
}
