/**
 * The X-KM-* request headers of protocol.md §1.1, checked for presence and exact shape before
 * anything is looked up, so a malformed request is told which header is wrong (000_101).
 */
import type { IncomingMessage } from 'node:http';
import type { Operation } from '../../lib/catalog/types';
import { isSupportedTimeZone, parseStamp } from '../../lib/protocol/clock';
import { HEADER } from '../../lib/protocol/headers';
import { TRAN_TOKEN_PATTERN } from '../../lib/protocol/tran-token';
import { headerValue } from '../http-io';
import { reject } from './rejection';

export const CORRELATION_ID_PATTERN = /^(\d{12})-[0-9a-f]{7}$/;

export interface CommonHeaders {
  aspId: string;
  correlationId: string;
  accessKey: string;
  cryptoKeyId: string | undefined;
  tranToken: string;
  tranTime: string;
  timeZone: string;
  /** X-KM-Tran-Time read in the zone it names. */
  tranEpochMs: number;
}

function malformed(header: string, reason: string): never {
  return reject('000_101', `Invalid header ${header}: ${reason}`);
}

function required(req: IncomingMessage, header: string): string {
  const value = headerValue(req, header);
  if (value === undefined || value === '') return malformed(header, 'missing');
  return value;
}

function exactLength(header: string, value: string, length: number): void {
  if (value.length !== length) malformed(header, `must be ${length} characters, got ${value.length}`);
}

/** The request's correlation id when it has the documented shape, so answers only echo sane values. */
export function wellFormedCorrelationId(req: IncomingMessage): string | undefined {
  const value = headerValue(req, HEADER.correlationId);
  return value !== undefined && CORRELATION_ID_PATTERN.test(value) ? value : undefined;
}

export function checkCommonHeaders(req: IncomingMessage, op: Operation): CommonHeaders {
  const aspId = required(req, HEADER.aspId);
  exactLength(HEADER.aspId, aspId, 15);

  const correlationId = required(req, HEADER.correlationId);
  const correlation = CORRELATION_ID_PATTERN.exec(correlationId);
  if (!correlation) malformed(HEADER.correlationId, 'must be yyMMddHHmmss-xxxxxxx (7 lowercase hex)');

  const accessKey = required(req, HEADER.accessKey);
  exactLength(HEADER.accessKey, accessKey, 40);

  const cryptoKeyId = headerValue(req, HEADER.cryptoKeyId);
  if (cryptoKeyId !== undefined) exactLength(HEADER.cryptoKeyId, cryptoKeyId, 32);
  else if (op.encrypted.request || op.encrypted.response) malformed(HEADER.cryptoKeyId, 'missing; this API encrypts its messages');

  const tranToken = required(req, HEADER.tranToken);
  const token = TRAN_TOKEN_PATTERN.exec(tranToken);
  if (!token) malformed(HEADER.tranToken, 'must be KMV1:<yyyyMMddHHmmssSSS>:<padded Base64 HMAC-SHA256>');

  const tranTime = required(req, HEADER.tranTime);
  if (!/^\d{14}$/.test(tranTime)) malformed(HEADER.tranTime, 'must be 14 digits yyyyMMddHHmmss');

  const timeZone = required(req, HEADER.timeZone);
  if (!isSupportedTimeZone(timeZone)) malformed(HEADER.timeZone, 'must be a supported 3-letter zone label such as KST or UTC');

  const tranEpochMs = parseStamp(tranTime, timeZone);
  if (Number.isNaN(tranEpochMs)) malformed(HEADER.tranTime, 'is not a real date and time');
  // Client code derives all three from one clock reading (protocol.md §1.3, §2.4); a mismatch means a broken signer.
  if (correlation[1] !== tranTime.slice(2)) malformed(HEADER.correlationId, `date part must equal the last 12 digits of ${HEADER.tranTime}`);
  if (token[1]!.slice(0, 14) !== tranTime) malformed(HEADER.tranToken, `time must start with ${HEADER.tranTime}`);

  const contentType = headerValue(req, 'Content-Type');
  if (contentType === undefined || !isJsonContentType(contentType)) malformed('Content-Type', 'must be application/json');

  return { aspId, correlationId, accessKey, cryptoKeyId, tranToken, tranTime, timeZone, tranEpochMs };
}

/** application/json, optionally with charset=UTF-8: bodies carry Korean text and are signed as UTF-8. */
function isJsonContentType(value: string): boolean {
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => param === '' || param.replace(/\s+/g, '') === 'charset=utf-8' || param.replace(/\s+/g, '') === 'charset="utf-8"');
}
