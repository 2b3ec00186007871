/**
 * One Open API request, checked in the order the platform would: route, common headers,
 * identity and token, crypto key, body, business rules; then the operation's behaviour.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { operationByPath } from '../../lib/catalog';
import { resultCode, SUCCESS_CODE } from '../../lib/catalog/result-codes';
import type { Operation } from '../../lib/catalog/types';
import { firstViolation } from '../../lib/catalog/validate';
import type { Behaviour } from '../behaviours';
import type { SandboxState } from '../books/state';
import { BodyTooLargeError, lowerCasedHeaders, readBody } from '../http-io';
import type { ResponseEncryption, SandboxCryptoKey, SandboxProject } from '../project/project';
import { renderAnswer, sendAnswer, type Answer, type RenderedAnswer } from './answer-rendering';
import { authenticate, cryptoKeyFor } from './authenticate';
import { checkCommonHeaders, wellFormedCorrelationId } from './common-headers';
import type { PemKeys } from './compact-jwe';
import { driftAnswer, driftRefusal, type DriftPlan } from './drift';
import { effectOf, type FaultBreakage } from './faults/kinds';
import type { FaultPlan } from './faults/plan';
import { validateInput } from './input-validation';
import { PlatformRejection, reject } from './rejection';
import { openRequestBody } from './request-body';
import { breaks } from './rules';
import type { RequestLog } from './request-log';

export const OPEN_API_PREFIX = '/open-api';

export interface OpenApiContext {
  project: SandboxProject;
  state: SandboxState;
  behaviours: ReadonlyMap<string, Behaviour>;
  keys: PemKeys;
  log: RequestLog;
  maxSkewMs: number;
  maxBodyBytes: number;
  now: () => number;
  /** Seal error answers of encrypted operations too, once the request's key is known. */
  encryptErrors: boolean;
  responseEncryption: Partial<ResponseEncryption>;
  onInternalError: (error: unknown) => void;
  faults: FaultPlan;
  drift: DriftPlan;
}

const NO_OPERATION = { resultCodes: [] };
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The answer, and the scheduled fault that breaks it on its way out (a `delivery` fault). */
interface Reply {
  answer: Answer;
  breakage?: FaultBreakage;
}

/** What the pipeline learnt before it answered, for the answer and the request log. */
interface Progress {
  op?: Operation;
  key?: SandboxCryptoKey;
  body: string;
  plaintext?: string;
  committed?: boolean;
  drift?: string[];
}

export async function handleOpenApi(req: IncomingMessage, res: ServerResponse, pathname: string, context: OpenApiContext): Promise<void> {
  const progress: Progress = { body: '' };
  const correlationId = wellFormedCorrelationId(req);
  let reply: Reply;
  let rendered: RenderedAnswer;
  try {
    try {
      reply = await answerRequest(req, pathname, context, progress);
    } catch (error) {
      reply = { answer: failureAnswer(error, progress, context) };
    }
    rendered = await renderAnswer(reply.answer, correlationId, context.keys, context.responseEncryption);
  } catch (error) {
    // Even the error path failed (e.g. an unusable client public key): answer a plain 000_001.
    reply = { answer: internalErrorAnswer(error, context) };
    rendered = await renderAnswer(reply.answer, correlationId, context.keys);
  }
  const { answer, breakage } = reply;
  context.log.record({
    at: new Date(context.now()).toISOString(),
    method: req.method ?? '',
    path: req.url ?? pathname,
    headers: lowerCasedHeaders(req),
    body: progress.body,
    ...(progress.plaintext !== undefined && { plaintext: progress.plaintext }),
    status: answer.status,
    code: answer.code,
    description: answer.description,
    committed: progress.committed === true,
    ...(breakage && { fault: breakage.type }),
    ...(progress.drift && { drift: progress.drift }),
  });
  if (breakage) return breakage.deliver({ req, res, socket: req.socket, rendered });
  sendAnswer(res, rendered);
}

async function answerRequest(req: IncomingMessage, pathname: string, context: OpenApiContext, progress: Progress): Promise<Reply> {
  const raw = await readBody(req, context.maxBodyBytes).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) breaks('bodySize', `Body exceeds ${context.maxBodyBytes} bytes.`);
    throw error;
  });
  progress.body = raw.toString('utf8');

  const op = req.method === 'POST' && pathname.startsWith(`${OPEN_API_PREFIX}/`) ? operationByPath(pathname.slice(OPEN_API_PREFIX.length)) : undefined;
  if (!op) return breaks('route', `No such API: ${req.method} ${pathname}`);
  progress.op = op;

  const headers = checkCommonHeaders(req, op);
  // The token is an HMAC of the bytes sent; a body that is not UTF-8 has no string form to check it against.
  let bodyText: string;
  try {
    bodyText = strictUtf8.decode(raw);
  } catch {
    return breaks('utf8Body', 'Body is not valid UTF-8.');
  }
  authenticate(headers, bodyText, context.project, context);
  const key = cryptoKeyFor(headers, context.project);
  if (key) progress.key = key;

  const opened = await openRequestBody(bodyText, op, key, context.keys);
  if (opened.encrypted) progress.plaintext = opened.plaintext;
  const input = validateInput(op, opened.fields);

  const behaviour = context.behaviours.get(op.id);
  if (!behaviour) throw new Error(`the sandbox has no behaviour for ${op.id}`);
  const drifts = context.drift.for(op.id);
  if (drifts.length > 0) progress.drift = drifts.map((drift) => drift.kind);
  const drifted = driftRefusal(drifts);
  if (drifted) return { answer: drifted };
  const { refusal, commits, behaviourContext, breakage } = effectOf(context.faults.take(op.id));
  if (refusal) reject(refusal, `${sentence(resultCode(op, refusal).meaning)} (scheduled fault)`);
  if (!commits && breakage) return { answer: { status: 0, code: 'FAULT', description: `fault ${breakage.type} before commit` }, breakage };
  const outcome = await behaviour.run(input, { state: context.state, project: context.project, now: context.now, ...behaviourContext });
  if (!outcome.ok) {
    const row = resultCode(op, outcome.code);
    return { answer: withSeal({ status: row.http, code: row.code, description: outcome.description ?? sentence(row.meaning) }, progress, context) };
  }
  progress.committed = true;
  // The catalog is the contract: an answer that breaks it is a sandbox bug, not a platform answer.
  const violation = firstViolation(op.response, outcome.body);
  if (violation) throw new Error(`${op.id} answer breaks the catalog at "${violation.field || 'body'}": ${violation.rule}`);
  const success: Answer = { status: 200, code: SUCCESS_CODE, description: 'Success.', fields: outcome.body };
  if (op.encrypted.response && key) success.sealTo = key;
  return { answer: driftAnswer(op, success, drifts, key), breakage };
}

/** Error answers stay in clear unless asked otherwise: whether the platform seals them is unknown (protocol.md §3.2, §3.4). */
function withSeal(answer: Answer, progress: Progress, context: OpenApiContext): Answer {
  if (context.encryptErrors && progress.op?.encrypted.response && progress.key) answer.sealTo = progress.key;
  return answer;
}

function failureAnswer(error: unknown, progress: Progress, context: OpenApiContext): Answer {
  if (!(error instanceof PlatformRejection)) return internalErrorAnswer(error, context);
  const row = resultCode(progress.op ?? NO_OPERATION, error.code);
  return withSeal({ status: row.http, code: row.code, description: error.description }, progress, context);
}

function internalErrorAnswer(error: unknown, context: OpenApiContext): Answer {
  context.onInternalError(error);
  const row = resultCode(NO_OPERATION, '000_001');
  return { status: row.http, code: row.code, description: 'Internal system error.' };
}

function sentence(meaning: string): string {
  return meaning.endsWith('.') ? meaning : `${meaning}.`;
}
