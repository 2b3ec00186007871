/**
 * The one place results and errors become the caller's answer: an HTTP response for API Gateway,
 * the plain object (or the typed error, thrown) for a direct invoke.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { asGatewayError, type GatewayError } from '../errors';
import { logger } from '../log';
import { bigintsToStrings, stringifyJson } from '../protocol/json';
import type { GatewayOperation } from '../catalog/types';
import type { CallResult } from '../upstream/call';
import type { GatewayMiddleware, GatewayRequest } from './types';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function correlationHeader(id: string | undefined): Record<string, string> {
  return id ? { 'X-KM-Correlation-Id': id } : {};
}

export function httpError(error: GatewayError): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: error.status,
    headers: { ...JSON_HEADERS, ...correlationHeader(error.details.correlationId) },
    body: stringifyJson(error.toBody()),
  };
}

function formatAnswerAfter(request: GatewayRequest): void {
  const result = request.response as CallResult;
  if (request.internal.mode !== 'http') {
    // The Lambda runtime serialises with JSON.stringify: ids beyond 2^53 travel as decimal strings.
    request.response = bigintsToStrings(result.data);
    return;
  }
  request.response = {
    statusCode: result.status ?? 200,
    headers: { ...JSON_HEADERS, ...correlationHeader(result.correlationId) },
    body: stringifyJson(result.data),
  } satisfies APIGatewayProxyStructuredResultV2;
}

export function formatAnswer(op: Pick<GatewayOperation, 'id'>): GatewayMiddleware {
  function formatAnswerOnError(request: GatewayRequest): void {
    const error = asGatewayError(request.error);
    const level = error.status >= 500 ? 'error' : 'warn';
    logger[level]('request failed', { operation: op.id, kind: error.kind, status: error.status, ...error.details, cause: error.cause });
    if (request.internal.mode === 'http') {
      request.response = httpError(error);
      return;
    }
    request.error = error;
    request.response = undefined;
  }
  return { after: formatAnswerAfter, onError: formatAnswerOnError };
}
