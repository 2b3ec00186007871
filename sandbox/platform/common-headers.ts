/**
 * The X-KM-* request headers of protocol.md §1.1, checked for presence and shape before anything
 * is looked up, so a malformed request is told which header is wrong (000_101). Each check names
 * its rule in rules.ts, where it says whether the platform documents it.
 */
import type { IncomingMessage } from 'node:http';
import type { Operation } from '../../lib/catalog/types';
import { isSupportedTimeZone, parseStamp } from '../../lib/protocol/clock';
import { HEADER } from '../../lib/protocol/headers';
import { TRAN_TOKEN_PATTERN } from '../../lib/protocol/tran-token';
import { headerValue } from '../http-io';
import { breaks, type RefusalRule } from './rules';

/** yyMMddHHmmss-xxxxxxx: the case of the hex is not documented, so both are taken (rules.ts `correlationId`). */
export const CORRELATION_ID_PATTERN = /^\d{12}-[0-9a-fA-F]{7}$/;

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

function malformed(rule: RefusalRule, header: string, reason: string): never {
  return breaks(rule, `Invalid header ${header}: ${reason}`);
}

function required(req: IncomingMessage, rule: RefusalRule, header: string): string {
  const value = headerValue(req, header);
  if (value === undefined || value === '') return malformed(rule, header, 'missing');
  return value;
}

function exactLength(rule: RefusalRule, header: string, value: string, length: number): void {
  if (value.length !== length) malformed(rule, header, `must be ${length} characters, got ${value.length}`);
}

/** The request's correlation id when it has the documented shape, so answers only echo sane values. */
export function wellFormedCorrelationId(req: IncomingMessage): string | undefined {
  const value = headerValue(req, HEADER.correlationId);
  return value !== undefined && CORRELATION_ID_PATTERN.test(value) ? value : undefined;
}

/**
 * Not checked, on purpose (rules.ts `clockReadings`): that the token time, X-KM-Tran-Time and the
 * correlation id's date agree. Client code reads the clock once per header.
 */
export function checkCommonHeaders(req: IncomingMessage, op: Operation): CommonHeaders {
  const aspId = required(req, 'aspId', HEADER.aspId);
  exactLength('aspId', HEADER.aspId, aspId, 15);

  const correlationId = required(req, 'correlationId', HEADER.correlationId);
  if (!CORRELATION_ID_PATTERN.test(correlationId)) malformed('correlationId', HEADER.correlationId, 'must be yyMMddHHmmss-xxxxxxx (7 hex), 20 characters');

  const accessKey = required(req, 'accessKeyShape', HEADER.accessKey);
  exactLength('accessKeyShape', HEADER.accessKey, accessKey, 40);

  const cryptoKeyId = headerValue(req, HEADER.cryptoKeyId);
  if (cryptoKeyId !== undefined) exactLength('cryptoKeyIdShape', HEADER.cryptoKeyId, cryptoKeyId, 32);
  // A request sent in clear may omit it (rules.ts `plainRequestWithoutKeyId`): its answer is sealed to the first key.
  else if (op.encrypted.request) malformed('cryptoKeyIdForEncryptedRequest', HEADER.cryptoKeyId, 'missing; this API takes its request encrypted');

  const tranToken = required(req, 'tranTokenShape', HEADER.tranToken);
  if (!TRAN_TOKEN_PATTERN.test(tranToken)) malformed('tranTokenShape', HEADER.tranToken, 'must be KMV1:<yyyyMMddHHmmssSSS>:<Base64 HMAC-SHA256>');

  const tranTime = required(req, 'tranTime', HEADER.tranTime);
  if (!/^\d{14}$/.test(tranTime)) malformed('tranTime', HEADER.tranTime, 'must be 14 digits yyyyMMddHHmmss');

  const timeZone = required(req, 'timeZone', HEADER.timeZone);
  if (!isSupportedTimeZone(timeZone)) malformed('timeZone', HEADER.timeZone, 'must be a supported 3-letter zone label such as KST or UTC');

  const tranEpochMs = parseStamp(tranTime, timeZone);
  if (Number.isNaN(tranEpochMs)) malformed('tranTime', HEADER.tranTime, 'is not a real date and time');

  const contentType = headerValue(req, 'Content-Type');
  if (contentType === undefined || !isJsonContentType(contentType)) malformed('contentType', 'Content-Type', 'must be application/json');

  return { aspId, correlationId, accessKey, cryptoKeyId, tranToken, tranTime, timeZone, tranEpochMs };
}

/** application/json; a charset, if named, must be UTF-8 (bodies carry Korean text and are signed as UTF-8). */
function isJsonContentType(value: string): boolean {
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => {
    const [name, raw = ''] = param.split('=').map((part) => part.trim());
    return name !== 'charset' || /^"?utf-?8"?$/.test(raw);
  });
}
