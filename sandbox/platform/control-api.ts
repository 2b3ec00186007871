/**
 * The sandbox's own API, outside /open-api, for tests and people: health, reset, seeding bank
 * accounts, moving card applications along, scheduling faults (faults/kinds.ts), the record of
 * what the gateway sent, and the platform's callbacks with the terminal payments that cause them
 * (callbacks/control.ts). Plain JSON, no platform envelope or auth: the server only listens on 127.0.0.1.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPERATIONS } from '../../lib/catalog';
import { BankAccount } from '../../lib/catalog/fields';
import { exactInteger } from '../../lib/catalog/schema';
import { firstViolation } from '../../lib/catalog/validate';
import { parseJson } from '../../lib/protocol/json';
import type { Behaviour } from '../behaviours';
import { cardApplicationsControl } from '../books/card-applications';
import { ACCOUNT_KINDS, type AccountKind } from '../books/records';
import type { SandboxState } from '../books/state';
import { readBody, sendJson } from '../http-io';
import { parseDrift, type Drift, type DriftPlan } from './drift';
import { callbacksControl, isCallbacksRoute } from './callbacks/control';
import type { CallbackSender } from './callbacks/sender';
import { faultProblem, faultProblemFor, isConnectionFault, type Fault } from './faults/kinds';
import type { FaultPlan } from './faults/plan';
import type { RequestLog } from './request-log';

export const CONTROL_PREFIX = '/__sandbox';

export interface ControlContext {
  state: SandboxState;
  log: RequestLog;
  behaviours: ReadonlyMap<string, Behaviour>;
  reset: () => void;
  onInternalError: (error: unknown) => void;
  faults: FaultPlan;
  drift: DriftPlan;
  /** Whether the platform is served over TLS (connection faults need it). */
  tls: boolean;
  /** The platform's callback sender (callbacks/sender.ts). */
  callbacks: CallbackSender;
  now: () => number;
}

const ACCOUNT_SCHEMA = BankAccount('Account seeded through the control API');
const ACCOUNTS_ROUTE = /^\/__sandbox\/members\/([^/]+)\/accounts$/;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, context: ControlContext): Promise<void> {
  try {
    const [status, body] = await route(req, pathname, context);
    sendJson(res, status, body);
  } catch (error) {
    if (error instanceof ControlError) return sendJson(res, error.status, { error: { message: error.message } });
    context.onInternalError(error);
    sendJson(res, 500, { error: { message: 'internal sandbox error' } });
  }
}

async function route(req: IncomingMessage, pathname: string, context: ControlContext): Promise<[number, unknown]> {
  const method = req.method ?? '';
  if (pathname === `${CONTROL_PREFIX}/health` && method === 'GET') {
    return [200, {
      status: 'ok',
      operations: OPERATIONS.map((op) => ({ id: op.id, path: op.path, implemented: context.behaviours.has(op.id) })),
      members: context.state.members().length,
      recordedRequests: context.log.size,
    }];
  }
  if (pathname === `${CONTROL_PREFIX}/reset` && method === 'POST') {
    context.reset();
    return [200, { status: 'reset' }];
  }
  if (pathname === `${CONTROL_PREFIX}/requests` && method === 'GET') return [200, { requests: context.log.list() }];
  if (pathname === `${CONTROL_PREFIX}/requests` && method === 'DELETE') {
    const cleared = context.log.size;
    context.log.clear();
    return [200, { cleared }];
  }
  if (pathname === `${CONTROL_PREFIX}/faults`) return faultRoute(req, method, context);
  if (pathname === `${CONTROL_PREFIX}/drift`) return driftRoute(req, method, context);
  const accounts = ACCOUNTS_ROUTE.exec(pathname);
  if (accounts && method === 'POST') return addAccount(decodeURIComponent(accounts[1]!), await readJsonObject(req), context.state);
  const cardRoute = cardApplicationsControl(context.state.cardApplications, method, pathname);
  if (cardRoute) return cardRoute;
  if (isCallbacksRoute(pathname)) {
    // A cancel carries nothing but its path: an empty body is an empty object there.
    const body = method === 'POST' || method === 'PUT' ? await readJsonObject(req, { emptyIsObject: true }) : {};
    const callbackRoute = callbacksControl(context, method, pathname, body);
    if (callbackRoute) return callbackRoute;
  }
  throw new ControlError(404, `no control route ${method} ${pathname}`);
}

/**
 * POST {operation: op id or path, fault, count?} schedules a fault for the next `count` calls
 * (a connection fault, without operation, for the next `count` new connections);
 * GET lists what is scheduled; DELETE clears it.
 */
async function faultRoute(req: IncomingMessage, method: string, context: ControlContext): Promise<[number, unknown]> {
  const { faults } = context;
  if (method === 'GET') {
    return [200, { scheduled: faults.pending(), connections: faults.pendingConnections(), fired: faults.firedCount, firedByType: faults.firedCounts() }];
  }
  if (method === 'DELETE') {
    faults.clear();
    return [200, { status: 'cleared' }];
  }
  if (method !== 'POST') throw new ControlError(405, 'faults: use GET, POST or DELETE');
  const body = await readJsonObject(req);
  const problem = faultProblem(body.fault);
  if (problem) throw new ControlError(400, problem);
  const fault = body.fault as Fault;
  const count = body.count === undefined ? 1 : Number(body.count);
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new ControlError(400, 'count must be 1..10000');
  if (isConnectionFault(fault)) {
    if (body.operation !== undefined) throw new ControlError(400, `${fault.type} strikes the next new connections whatever they carry: send it without operation`);
    if (!context.tls) throw new ControlError(400, `${fault.type} needs the sandbox served over TLS (startPlatform({tls}))`);
    faults.scheduleConnection(fault, count);
    return [201, { fault, count }];
  }
  const op = OPERATIONS.find((candidate) => candidate.id === body.operation || candidate.path === body.operation);
  if (!op) throw new ControlError(400, 'operation must be a catalog op id or path');
  const problemHere = faultProblemFor(fault, op);
  if (problemHere) throw new ControlError(400, problemHere);
  faults.schedule(op.id, fault, count);
  return [201, { operation: op.id, fault, count }];
}

/**
 * POST {kinds: [kind or {kind, …}], operations?: [op id or path]} switches drifts on (added to
 * those already on) for those operations, or all; GET lists them; DELETE switches them off.
 */
async function driftRoute(req: IncomingMessage, method: string, context: ControlContext): Promise<[number, unknown]> {
  if (method === 'GET') return [200, { drift: context.drift.list() }];
  if (method === 'DELETE') return [200, { cleared: context.drift.clear() }];
  if (method !== 'POST') throw new ControlError(405, 'drift: use GET, POST or DELETE');
  const body = await readJsonObject(req);
  if (!Array.isArray(body.kinds) || body.kinds.length === 0) throw new ControlError(400, 'kinds must be a non-empty array of drifts');
  const drifts = body.kinds.map(parseDrift);
  const problem = drifts.find((drift): drift is string => typeof drift === 'string');
  if (problem) throw new ControlError(400, problem);
  let operations: string[] | undefined;
  if (body.operations !== undefined) {
    if (!Array.isArray(body.operations) || body.operations.length === 0) throw new ControlError(400, 'operations must be a non-empty array of op ids or paths');
    operations = body.operations.map((name: unknown) => {
      const op = OPERATIONS.find((candidate) => candidate.id === name || candidate.path === name);
      if (!op) throw new ControlError(400, `operations: ${String(name)} is not a catalog op id or path`);
      return op.id;
    });
  }
  for (const drift of drifts as Drift[]) context.drift.add({ drift, ...(operations && { operations }) });
  return [201, { drift: context.drift.list() }];
}

async function readJsonObject(req: IncomingMessage, options: { emptyIsObject?: boolean } = {}): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    const text = (await readBody(req, 64 * 1024)).toString('utf8');
    value = options.emptyIsObject && text.trim() === '' ? {} : parseJson(text);
  } catch {
    throw new ControlError(400, 'body must be a JSON object');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ControlError(400, 'body must be a JSON object');
  return value as Record<string, unknown>;
}

function addAccount(userIdText: string, body: Record<string, unknown>, state: SandboxState): [number, unknown] {
  const userId = /^\d{1,20}$/.test(userIdText) ? exactInteger(userIdText) : undefined;
  if (userId === undefined) throw new ControlError(400, 'userId in the path must be decimal digits');
  const { kind, ...account } = body;
  if (!ACCOUNT_KINDS.includes(kind as AccountKind)) throw new ControlError(400, `kind must be one of ${ACCOUNT_KINDS.join('|')}`);
  const violation = firstViolation(ACCOUNT_SCHEMA, account);
  if (violation) throw new ControlError(400, `${violation.field || 'body'}: ${violation.rule}`);
  const { bankAccount, bankCode, bankName } = account as { bankAccount: string; bankCode: string; bankName: string };
  const member = state.setAccount(userId, kind as AccountKind, { bankAccount, bankCode, bankName });
  if (!member) throw new ControlError(404, `no member ${userId}`);
  return [201, { userId: member.userId, kind, bankCode, bankName, bankAccount }];
}
