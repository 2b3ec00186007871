/**
 * Is this callback the platform's (protocol.md §5.2, §5.4)? Pure checks over the headers and the
 * raw body bytes exactly as received, in the order the receiver runs them:
 *
 * 1. the common headers (callbacks carry no X-KM-Access-Key), their times agreeing;
 * 2. the ASP ID is the project's;
 * 3. X-KM-Tran-Time, read in X-KM-Time-Zone, within 5 minutes of now in either direction;
 * 4. X-KM-Tran-Token = HMAC-SHA256(secret key, raw body), compared in constant time;
 * 5. an encrypted body names the project's first crypto key (the one the platform uses for callbacks).
 *
 * Then, once the correlation id is claimed (lib/callbacks/replay-guard.ts), `openCallbackBody`
 * decrypts. The token covers the body only, not the headers: a captured body could be sent again
 * under fresh headers, which is why every event is also recorded once by its key (lib/events/).
 */
import { parseStamp, isSupportedTimeZone, SUPPORTED_TIME_ZONES } from '../protocol/clock';
import { encDataOf } from '../protocol/envelope';
import { HEADER } from '../protocol/headers';
import { parseJson } from '../protocol/json';
import { decryptJwe } from '../protocol/jwe';
import type { KeyCache } from '../protocol/keys';
import { TRAN_TOKEN_PATTERN, verifyTranToken } from '../protocol/tran-token';
import type { KonaplateCredentials } from '../credentials/shape';
import { refuse } from './refusals';

/** How far X-KM-Tran-Time may be from the receiver's clock, either way (protocol.md §5.4). */
export const CALLBACK_WINDOW_MS = 5 * 60_000;

/** Larger than any designed callback, small enough to refuse before any work. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

const CORRELATION_ID = /^(\d{12})-[0-9a-fA-F]{7}$/;
const TRAN_TIME = /^\d{14}$/;

export interface CallbackHeaders {
  aspId: string;
  /** Lower-cased: the replay guard must not take `…-ABCDEF0` and `…-abcdef0` for two ids. */
  correlationId: string;
  tranToken: string;
  tranTime: string;
  timeZone: string;
  cryptoKeyId: string | undefined;
  /** X-KM-Tran-Time read in X-KM-Time-Zone. */
  tranEpochMs: number;
}

export type HeaderBag = Readonly<Record<string, string | undefined>>;

/** Header names are case-insensitive; API Gateway hands them lower-cased, other callers may not. */
export function lowerCaseHeaders(headers: HeaderBag | null | undefined): HeaderBag {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

const required = (headers: HeaderBag, name: string): string => header(headers, name) ?? refuse('header', `${name} is missing`);

/** Step 1: every header a callback carries, present and shaped as on a request (protocol.md §1.1). */
export function readCallbackHeaders(headers: HeaderBag): CallbackHeaders {
  const aspId = required(headers, HEADER.aspId);
  if (aspId.length !== 15) refuse('header', `${HEADER.aspId} must be 15 characters`);
  const correlationId = required(headers, HEADER.correlationId);
  const correlation = CORRELATION_ID.exec(correlationId);
  if (!correlation) refuse('header', `${HEADER.correlationId} must be yyMMddHHmmss-<7 hex>`);
  const tranTime = required(headers, HEADER.tranTime);
  if (!TRAN_TIME.test(tranTime)) refuse('header', `${HEADER.tranTime} must be 14 digits (yyyyMMddHHmmss)`);
  const timeZone = required(headers, HEADER.timeZone);
  if (!isSupportedTimeZone(timeZone)) refuse('header', `${HEADER.timeZone} must be one of ${SUPPORTED_TIME_ZONES.join(', ')}`);
  const tranEpochMs = parseStamp(tranTime, timeZone);
  if (Number.isNaN(tranEpochMs)) refuse('header', `${HEADER.tranTime} is not a real date and time`);
  const tranToken = header(headers, HEADER.tranToken) ?? refuse('missing_token', `${HEADER.tranToken} is missing: callbacks must be signed`);
  const token = TRAN_TOKEN_PATTERN.exec(tranToken);
  if (!token) refuse('signature', `${HEADER.tranToken} must be KMV1:<yyyyMMddHHmmssSSS>:<padded Base64 HMAC-SHA256>`);
  if (!token![1]!.startsWith(tranTime)) refuse('header', `the time in ${HEADER.tranToken} must start with ${HEADER.tranTime}`);
  if (correlation![1] !== tranTime.slice(2)) refuse('header', `${HEADER.correlationId} must start with ${HEADER.tranTime} without its century`);
  const cryptoKeyId = header(headers, HEADER.cryptoKeyId);
  if (cryptoKeyId !== undefined && cryptoKeyId.length !== 32) refuse('header', `${HEADER.cryptoKeyId} must be 32 characters`);
  return { aspId, correlationId: correlationId.toLowerCase(), tranToken, tranTime, timeZone, cryptoKeyId, tranEpochMs };
}

/** Steps 2–4: the project's ASP ID, the time window (both ways), the token over the raw bytes. */
export function authenticateCallback(h: CallbackHeaders, body: Uint8Array, credentials: KonaplateCredentials, now: number): void {
  if (h.aspId !== credentials.aspId) refuse('asp_id', `${HEADER.aspId} is not the project's`);
  const skewMs = now - h.tranEpochMs;
  if (skewMs > CALLBACK_WINDOW_MS) refuse('stale', `${HEADER.tranTime} is ${Math.round(skewMs / 1000)} s old (allowed ${CALLBACK_WINDOW_MS / 1000} s)`);
  if (-skewMs > CALLBACK_WINDOW_MS) refuse('future', `${HEADER.tranTime} is ${Math.round(-skewMs / 1000)} s ahead (allowed ${CALLBACK_WINDOW_MS / 1000} s)`);
  if (!verifyTranToken(credentials.secretKey, body, h.tranToken).ok) refuse('signature', `${HEADER.tranToken} does not match the body`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function jsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    return refuse('body', `${what} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) refuse('body', `${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

export interface CallbackEnvelope {
  /** The JWE, when the body is `{"encData":"…"}`. */
  jwe: string | undefined;
  /** The clear body, when it is not encrypted. */
  clear: { text: string; body: Record<string, unknown> } | undefined;
}

/** Step 5: the body as the platform framed it; an encrypted one must name the project's first crypto key. */
export function readEnvelope(h: CallbackHeaders, body: Uint8Array, credentials: KonaplateCredentials): CallbackEnvelope {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return refuse('body', 'the body is not UTF-8');
  }
  const parsed = jsonObject(text, 'the body');
  const jwe = encDataOf(parsed);
  if (jwe === undefined) {
    if ('encData' in parsed) refuse('envelope', 'an encrypted body must be exactly {"encData":"<JWE>"}');
    return { jwe: undefined, clear: { text, body: parsed } };
  }
  const first = credentials.cryptoKeys[0];
  if (!first) refuse('crypto_key', 'the project holds no crypto key to open an encrypted callback');
  if (h.cryptoKeyId === undefined) refuse('header', `${HEADER.cryptoKeyId} is missing on an encrypted body`);
  if (h.cryptoKeyId !== first!.id) refuse('crypto_key', `${HEADER.cryptoKeyId} is not the project's first crypto key (callbacks always use the first)`);
  return { jwe, clear: undefined };
}

/** The plaintext and its object: the clear body, or the JWE opened with the first key's client private key. */
export function openCallbackBody(envelope: CallbackEnvelope, credentials: KonaplateCredentials, keys: KeyCache): { text: string; body: Record<string, unknown> } {
  if (envelope.clear) return envelope.clear;
  let text: string;
  try {
    text = decryptJwe(envelope.jwe!, credentials.cryptoKeys[0]!.clientPrivateKey, keys);
  } catch {
    return refuse('decryption', 'encData does not open with the first crypto key');
  }
  return { text, body: jsonObject(text, 'the decrypted body') };
}
