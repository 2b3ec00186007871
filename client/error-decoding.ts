/**
 * Failed answers, over either transport, as the same error classes: the gateway's HTTP error body
 * `{"error":{"type","message",…}}`, and a direct invoke's function error `{errorType, errorMessage,
 * trace}` (AWS Lambda names the type in errorType; serverless-offline says "Error" there and puts
 * `Type: message` on the trace's first line). What is not the gateway's (API Gateway's 403, Lambda's
 * own errors) becomes a plain KonaplateError carrying the foreign type.
 */
import { parseJson } from '../lib/json';
import { ERROR_CLASSES } from './error-classes';
import { KonaplateError, type KonaplateErrorFields } from './errors';
import type { MoneyKeyName, OperationInfo } from './transport';

/** The platform code a gateway error message starts with (lib/upstream/interpret-answer.ts: `001_006 Wallet user not found.`). */
const PLATFORM_CODE = /^(\d{3}_\d{3}) /;
/** An invalid request's message by direct invoke: `field: rule` (lib/errors.ts invalidRequest). */
const FIELD_AND_RULE = /^([A-Za-z0-9_~/*-]+): (.+)$/;
/** How much of a foreign body goes into a message. */
const EXCERPT = 200;

const stringOr = (value: unknown) => (typeof value === 'string' ? value : undefined);
const numberOr = (value: unknown) => (typeof value === 'number' ? value : undefined);

/**
 * A money request's errors carry its key under its own name (sequenceId, transactionId or nrNumber),
 * as the gateway's answer gave it, else as the request carried it.
 */
export function moneyKeyOf(operation: OperationInfo, request: object, answered: Record<string, unknown> = {}): Partial<Record<MoneyKeyName, string>> {
  const name = operation.kind === 'money' ? operation.moneyKey : undefined;
  if (!name) return {};
  const value = stringOr(answered[name]) ?? stringOr((request as Record<string, unknown>)[name]);
  return value === undefined ? {} : { [name]: value };
}

function create(type: string, message: string, fields: KonaplateErrorFields): KonaplateError {
  const known = ERROR_CLASSES[type];
  return known ? new known(message, fields) : new KonaplateError(message, { ...fields, type });
}

function parsed(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}

/** A non-2xx HTTP answer as an error. */
export function errorFromHttp(status: number, text: string, headers: Headers, operation: OperationInfo, request: object): KonaplateError {
  const body = parsed(text) as { error?: Record<string, unknown>; message?: unknown } | undefined;
  const headerCorrelationId = headers.get('x-km-correlation-id') ?? undefined;
  const error = body?.error;
  if (error && typeof error === 'object' && typeof error.type === 'string') {
    return create(error.type, stringOr(error.message) ?? `${error.type} (HTTP ${status})`, {
      type: error.type,
      status,
      field: stringOr(error.field),
      rule: stringOr(error.rule),
      platformCode: stringOr(error.platformCode),
      platformDescription: stringOr(error.platformDescription),
      platformStatus: numberOr(error.platformStatus),
      correlationId: stringOr(error.correlationId) ?? headerCorrelationId,
      ...moneyKeyOf(operation, request, error),
    });
  }
  // Not the gateway's answer: API Gateway's own (403 of IAM authorization, 429 throttling, 5xx) or a proxy's.
  const type = headers.get('x-amzn-errortype')?.split(':')[0] || 'HttpError';
  const said = stringOr(body?.message) ?? text.slice(0, EXCERPT);
  return new KonaplateError(`${operation.id}: HTTP ${status}${said ? ` ${said}` : ''}`, {
    type,
    status,
    correlationId: headerCorrelationId,
    ...moneyKeyOf(operation, request),
  });
}

interface FunctionErrorPayload {
  errorType?: unknown;
  errorMessage?: unknown;
  trace?: unknown;
}

/** The type a function error names: errorType, or the trace's first line when an emulator reports only "Error". */
function invokeErrorType(payload: FunctionErrorPayload): string {
  const declared = stringOr(payload.errorType) ?? 'Error';
  if (ERROR_CLASSES[declared]) return declared;
  const first = Array.isArray(payload.trace) ? stringOr(payload.trace[0]) : undefined;
  const named = first?.match(/^([A-Za-z][A-Za-z0-9_.]*): /)?.[1];
  return named && (ERROR_CLASSES[named] || declared === 'Error') ? named : declared;
}

/** A direct invoke that answered with a function error, as an error. */
export function errorFromInvoke(payloadText: string, functionError: string, operation: OperationInfo, request: object): KonaplateError {
  const payload = (parsed(payloadText) ?? {}) as FunctionErrorPayload;
  const type = invokeErrorType(payload);
  const message = stringOr(payload.errorMessage) ?? `${operation.id}: function error (${functionError})`;
  const fields: KonaplateErrorFields = { type, platformCode: message.match(PLATFORM_CODE)?.[1], ...moneyKeyOf(operation, request) };
  if (ERROR_CLASSES[type]?.kind === 'invalid_request') {
    const parts = message.match(FIELD_AND_RULE);
    Object.assign(fields, parts ? { field: parts[1], rule: parts[2] } : { field: '', rule: message });
  }
  return create(type, message, fields);
}
