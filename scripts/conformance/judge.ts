/**
 * What one call tells about the catalog's picture of an operation: reached or not, protocol
 * accepted or refused (which code), the result code and HTTP status against the catalog's table,
 * the answer against the answer schema (missing and unknown fields, types, lengths, formats),
 * encryption and time zone observed against the catalog. Every judgement reads the catalog; none
 * restates it.
 */
import { absentOptionalFields, markedFields, undeclaredFields } from '../../lib/catalog/declared-fields';
import type { Part } from '../../lib/catalog/observations';
import { COMMON_RESULT_CODES, findResultCode, SUCCESS_CODE } from '../../lib/catalog/result-codes';
import type { Operation } from '../../lib/catalog/types';
import { allViolations } from '../../lib/catalog/validate';
import { encDataOf, parseJson, parseStamp } from '../../lib/protocol';
import { HEADER } from '../../lib/protocol/headers';
import type { AttemptSeen } from '../../lib/upstream/call';
import { envelopeOf } from '../../lib/upstream/interpret-answer';

export type Protocol = 'accepted' | 'refused' | 'unknown';

export interface SchemaDifferences {
  missing: string[];
  unknown: string[];
  /** `field: rule`, e.g. `userInfo/userId: type integer …`. */
  type: string[];
  length: string[];
  format: string[];
  /** Optional fields the answer left out: not a difference, but where a dropped field shows. */
  absentOptional: string[];
}

export interface Judgement {
  /** The request's X-KM-Correlation-Id: what KONA support asks for. */
  correlationId?: string;
  reached: boolean;
  /** Why no answer was read (connection, deadline, an answer that could not be opened). */
  failure?: string;
  httpStatus?: number;
  protocol: Protocol;
  resultCode?: string;
  resultDescription?: string;
  /** The code is in the operation's or the common table (000_000 counts). */
  codeListed?: boolean;
  /** That row's `documented` flag. */
  codeDocumented?: boolean;
  /** The answer's business fields were checked against the answer schema (successes only). */
  schemaChecked: boolean;
  schema: SchemaDifferences;
  /** Every field of the answer, array items as `*`: what the platform was seen to send. */
  answerFields: string[];
  encryption: {
    catalog: { request: boolean; response: boolean };
    requestEncrypted: boolean;
    requestKeyId?: string;
    answerEncrypted?: boolean;
    answerKeyId?: string;
  };
  timeZone: { request: string; answerLabel?: string };
  /** Everything that differs from the catalog, one line each. */
  differences: string[];
  /** Parts of the catalog entry this call confirms, and contradicts. */
  confirms: Part[];
  contradicts: Part[];
  conformant: boolean;
}

/** The designed authentication and envelope codes (protocol.md §4.4): the platform refused the call itself. */
const PROTOCOL_CODES = new Set(COMMON_RESULT_CODES.filter((row) => /^000_1\d\d$/.test(row.code)).map((row) => row.code));
/** Refusals of an input the catalog took for valid: the request schema, or the test data, is wrong. */
const INPUT_CODES = new Set(['000_002', '000_003', '000_015', '000_109']);
/** A time field further than this from the request's own time is written in another zone. */
const TIME_SLACK_MS = 10 * 60_000;

const headerOf = (answer: NonNullable<AttemptSeen['answer']>, name: string): string | undefined => {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every field path of a value, array indexes as `*`, deduplicated, in order of appearance. */
export function fieldPaths(value: unknown, at = ''): string[] {
  const paths = new Set<string>();
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, path === '' ? '*' : `${path}/*`));
    if (!isRecord(node)) return;
    for (const [key, item] of Object.entries(node)) {
      const next = path === '' ? key : `${path}/${key}`;
      paths.add(next);
      walk(item, next);
    }
  };
  walk(value, at);
  return [...paths];
}

/** Answer fields against the answer schema, each field once, under the kind of difference it is. */
export function schemaDifferences(op: Pick<Operation, 'response'>, fields: Record<string, unknown>): SchemaDifferences {
  const out: SchemaDifferences = {
    missing: [], unknown: undeclaredFields(op.response, fields), type: [], length: [], format: [], absentOptional: absentOptionalFields(op.response, fields),
  };
  const violations = allViolations(op.response, fields, 1000);
  const missing = new Set(violations.filter((v) => v.rule === 'required').map((v) => v.field));
  out.missing = [...missing];
  for (const { field, rule } of violations) {
    // A missing field is also "not a string"; an unknown one is already listed.
    if (missing.has(field) || rule === 'required' || rule === 'unknown field') continue;
    const line = `${field || 'body'}: ${rule}`;
    if (/^(type|integer beyond)/.test(rule)) out.type.push(line);
    else if (/^(min|max)(Length|Items) /.test(rule)) out.length.push(line);
    else out.format.push(line);
  }
  return out;
}

const schemaLines = (schema: SchemaDifferences): string[] => [
  ...schema.missing.map((field) => `missing field ${field}`),
  ...schema.unknown.map((field) => `unknown field ${field}`),
  ...schema.type.map((line) => `type ${line}`),
  ...schema.length.map((line) => `length ${line}`),
  ...schema.format.map((line) => `format ${line}`),
];

const hours = (ms: number) => `${(Math.abs(ms) / 3_600_000).toFixed(1)} h`;

/** Time fields the catalog marks as Korean time that cannot be: later than now, or, in a write's answer, far from the request. */
function timeDifferences(op: Operation, fields: Record<string, unknown>, sentAt: number): string[] {
  const out: string[] = [];
  for (const marked of markedFields(op.response, fields, 'x-time-zone')) {
    if (typeof marked.value !== 'string' || typeof marked.mark !== 'string') continue;
    const at = parseStamp(marked.value, marked.mark);
    if (Number.isNaN(at)) continue;
    const off = at - sentAt;
    if (off > TIME_SLACK_MS) out.push(`time ${marked.field} is ${hours(off)} after the request, read as ${marked.mark}: written in another zone?`);
    else if (op.kind !== 'read' && off < -TIME_SLACK_MS) out.push(`time ${marked.field} is ${hours(off)} before the request it records, read as ${marked.mark}: written in another zone?`);
  }
  return out;
}

export function judge(op: Operation, seen: AttemptSeen | undefined, firstKeyId: string | undefined): Judgement {
  const empty: SchemaDifferences = { missing: [], unknown: [], type: [], length: [], format: [], absentOptional: [] };
  const encryption: Judgement['encryption'] = {
    catalog: op.encrypted,
    requestEncrypted: seen?.sentEncrypted ?? op.encrypted.request,
    ...(seen?.sentCryptoKeyId !== undefined && { requestKeyId: seen.sentCryptoKeyId }),
  };
  const base = {
    ...(seen && { correlationId: seen.correlationId }),
    schemaChecked: false, schema: empty, answerFields: [], encryption, timeZone: { request: seen?.timeZone ?? '' }, confirms: [], contradicts: [],
  };
  if (!seen?.answer) {
    const failure = seen?.failure ?? 'not sent';
    return { ...base, reached: false, failure, protocol: 'unknown', differences: [`not reached: ${failure}`], conformant: false };
  }
  const { answer } = seen;
  const differences: string[] = [];
  const confirms = new Set<Part>();
  const contradicts = new Set<Part>();

  let wire: unknown;
  try {
    wire = parseJson(answer.body);
  } catch {
    wire = undefined;
  }
  encryption.answerEncrypted = encDataOf(wire) !== undefined;
  const answerKeyId = headerOf(answer, HEADER.cryptoKeyId);
  if (answerKeyId !== undefined) encryption.answerKeyId = answerKeyId;
  const answerLabel = headerOf(answer, HEADER.timeZone);
  const timeZone = { request: seen.timeZone, ...(answerLabel !== undefined && { answerLabel }) };

  const envelope = seen.opened === undefined ? undefined : envelopeOf(seen.opened);
  if (!envelope) {
    const failure = seen.failure ?? `HTTP ${answer.status} without a result envelope`;
    return { ...base, encryption, timeZone, reached: true, failure, httpStatus: answer.status, protocol: answer.status === 401 || answer.status === 403 ? 'refused' : 'unknown',
      differences: [`answer not understood: ${failure}`], conformant: false };
  }
  const code = envelope.code;
  const row = code === SUCCESS_CODE ? undefined : findResultCode(op, code);
  const codeListed = code === SUCCESS_CODE || row !== undefined;
  const protocol: Protocol = answer.status === 401 || answer.status === 403 || PROTOCOL_CODES.has(code) ? 'refused' : 'accepted';
  if (protocol === 'refused') differences.push(`protocol refused: HTTP ${answer.status} ${code} ${envelope.description}`.trim());
  if (!codeListed) differences.push(`result code ${code} is in no table of the catalog (HTTP ${answer.status}: ${envelope.description})`);
  // A listed 000_001 is still the platform failing: the call says nothing about the catalog's picture.
  if (answer.status >= 500) differences.push(`the platform failed: HTTP ${answer.status} ${code} ${envelope.description}`.trim());
  const expectedStatus = code === SUCCESS_CODE ? 200 : row?.http;
  if (expectedStatus !== undefined && answer.status !== expectedStatus) differences.push(`HTTP ${answer.status} for ${code}, the catalog says ${expectedStatus}`);

  if (code === '000_110' || answer.status === 404) contradicts.add('path');
  else confirms.add('path');

  const correlation = headerOf(answer, HEADER.correlationId);
  if (correlation !== seen.correlationId) differences.push(correlation === undefined ? 'correlation id not echoed' : `correlation id answered ${correlation}, sent ${seen.correlationId}`);
  if (answerLabel !== undefined && answerLabel !== seen.timeZone) differences.push(`time zone: the answer is labelled ${answerLabel}, the request ${seen.timeZone}`);

  const { response: _envelope, ...fields } = seen.opened as Record<string, unknown>;
  const answerFields = fieldPaths(fields);
  const success = code === SUCCESS_CODE && answer.status === 200;
  let schema = empty;
  if (success) {
    schema = schemaDifferences(op, fields);
    const lines = schemaLines(schema);
    differences.push(...lines, ...timeDifferences(op, fields, seen.sentAt));
    (lines.length === 0 ? confirms : contradicts).add('response');
    confirms.add('request');
    if (encryption.answerEncrypted !== op.encrypted.response) {
      differences.push(encryption.answerEncrypted ? 'answer encrypted, the catalog says in clear' : 'answer in clear, the catalog says encrypted');
      contradicts.add('encryption');
    } else {
      confirms.add('encryption');
    }
    const expectedKey = seen.sentCryptoKeyId ?? firstKeyId;
    if (encryption.answerEncrypted && answerKeyId !== undefined && answerKeyId !== expectedKey) differences.push(`answer sealed to crypto key ${answerKeyId}, expected ${expectedKey}`);
  } else {
    if (answerFields.length > 0) differences.push(`fields beside the envelope of a refusal: ${answerFields.join(', ')}`);
    if (codeListed && protocol === 'accepted' && !INPUT_CODES.has(code)) confirms.add('request');
    if (code === '000_108' || code === '000_107') contradicts.add('encryption');
  }
  return {
    correlationId: seen.correlationId,
    reached: true,
    httpStatus: answer.status,
    protocol,
    resultCode: code,
    resultDescription: envelope.description,
    codeListed,
    ...(row && { codeDocumented: row.documented }),
    schemaChecked: success,
    schema,
    answerFields,
    encryption,
    timeZone,
    differences,
    confirms: [...confirms].filter((part) => !contradicts.has(part)),
    contradicts: [...contradicts],
    conformant: differences.length === 0,
  };
}
