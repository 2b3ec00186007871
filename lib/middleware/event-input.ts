/**
 * Event → request object. An API Gateway event (HTTP API v2 or REST v1) carries the JSON in its
 * body and is replaced by it; any other event is a direct invoke whose payload is the request object.
 */
import { GatewayError, invalidRequest } from '../errors';
import { findDuplicateKey, parseJson } from '../json';
import type { CallMode, GatewayMiddleware, GatewayRequest } from './types';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

interface HttpEvent {
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
  requestContext: { http?: { method?: string } };
  httpMethod?: string;
}

export function callModeOf(event: unknown): CallMode {
  if (event === null || typeof event !== 'object') return 'invoke';
  const e = event as Record<string, unknown>;
  const context = e.requestContext as Record<string, unknown> | undefined;
  return context && typeof context === 'object' && ('http' in context || 'httpMethod' in e) ? 'http' : 'invoke';
}

function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function bodyOf(event: HttpEvent, maxBytes: number): unknown {
  const contentType = header(event, 'content-type');
  if (contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw invalidRequest('', 'content-type application/json', `content-type ${contentType.split(';')[0]} is not application/json`);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBytes) {
    throw new GatewayError('payload_too_large', `body is ${bytes.length} bytes; the limit is ${maxBytes}`, { field: '', rule: `maxBytes ${maxBytes}` });
  }
  if (bytes.length === 0 || raw.trim() === '') throw invalidRequest('', 'body required (a JSON object)', 'the request body is empty; send a JSON object');
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw invalidRequest('', 'UTF-8', 'the request body is not valid UTF-8');
  }
  let body: unknown;
  try {
    body = parseJson(text);
  } catch (error) {
    throw invalidRequest('', 'valid JSON', `the request body is not valid JSON (${(error as Error).message})`);
  }
  // Ambiguous like any other bad input. A direct invoke's payload arrives parsed by the Lambda runtime
  // (the last of two equal keys kept), so only a body can be checked.
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    const where = duplicate.pointer ? `the object at ${duplicate.pointer}` : 'the top-level object';
    const key = JSON.stringify(duplicate.key.length > 64 ? `${duplicate.key.slice(0, 64)}…` : duplicate.key);
    throw invalidRequest(duplicate.pointer, `duplicate key ${key}`, `the request body has the key ${key} twice in ${where}; send each key once`);
  }
  return body;
}

export function eventInput(options: { maxBodyBytes?: number } = {}): GatewayMiddleware {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  function eventInputBefore(request: GatewayRequest): void {
    const mode = callModeOf(request.event);
    request.internal.mode = mode;
    if (mode === 'http') {
      const event = request.event as HttpEvent;
      const method = event.requestContext.http?.method ?? event.httpMethod;
      if (method && method !== 'POST') throw invalidRequest('', 'method POST', `method ${method} is not allowed; use POST`);
      request.event = bodyOf(event, maxBytes);
    }
  }
  return { before: eventInputBefore };
}
