/**
 * The generated part of the caller client (client/), from the catalog and the error table, so the
 * client cannot drift from the gateway: client/operations.ts (request and answer types as plain
 * TypeScript, one method per operation with the catalog's descriptions as JSDoc, the run-time facts
 * the client needs) and client/error-classes.ts (one class per error kind of lib/errors.ts).
 * The types are derived here, at generation time, so the client carries no TypeBox.
 * `npm run generate` writes them (scripts/generated-files.ts); test/unit/generated-files.test.ts
 * checks they are current.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { isInt64Schema } from '../lib/catalog/schema';
import type { Operation, OperationKind } from '../lib/catalog/types';
import { ERROR_TABLE, type ErrorKind, type ErrorTableRow } from '../lib/errors';
import { generatedHeader } from './catalog-files';

export const CLIENT_OPERATIONS_FILE = 'client/operations.ts';
export const CLIENT_ERRORS_FILE = 'client/error-classes.ts';

export const DESIGNED_REMARK = '@remarks designed, not in the public documentation';

const literal = (value: unknown) => JSON.stringify(value);

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);
export const requestTypeName = (op: Pick<Operation, 'id'>) => `${pascal(op.id)}Request`;
export const answerTypeName = (op: Pick<Operation, 'id'>) => `${pascal(op.id)}Answer`;

/** A JSDoc block of `lines` at `pad` (an empty string is a paragraph break); nothing when there is nothing to say. */
function jsdoc(lines: readonly (string | undefined)[], pad: string): string[] {
  const text = lines
    .filter((line): line is string => line !== undefined)
    .map((line) => line.replace(/\*\//g, '*\\/'))
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== '' && all.slice(i + 1).some((next) => next !== '')));
  if (text.length === 0) return [];
  if (text.length === 1 && !text[0]!.startsWith('@')) return [`${pad}/** ${text[0]} */`];
  return [`${pad}/**`, ...text.map((line) => `${pad} * ${line}`.trimEnd()), `${pad} */`];
}

const isDesigned = (schema: TSchema) => schema['x-documented'] === false;

type Side = 'request' | 'answer';

/** The value's rules in words (lengths, bounds, pattern): what the gateway checks before sending. */
function constraints(schema: TSchema, side: Side): string {
  const kind = String(schema[Kind]);
  if (isInt64Schema(schema)) {
    const max = schema['x-int64-maximum'];
    const range = `Integer ${schema['x-int64-minimum']}..${max}`;
    return side === 'request'
      ? `${range}: a number, a bigint, or a decimal string (ids beyond 2^53: bigint or string, never a rounded number).`
      : `${range}: a number, or a bigint beyond 2^53.`;
  }
  const parts: string[] = [];
  if (kind === 'String') {
    const { minLength: min, maxLength: max } = schema as { minLength?: number; maxLength?: number };
    if (min !== undefined && min === max) parts.push(`exactly ${min} characters`);
    else if (min !== undefined && max !== undefined) parts.push(`${min}..${max} characters`);
    else if (max !== undefined) parts.push(`at most ${max} characters`);
    else if (min !== undefined) parts.push(`at least ${min} characters`);
    if (schema.format === 'date8') parts.push('a calendar date yyyyMMdd');
    if (typeof schema.pattern === 'string') parts.push(`pattern \`${schema.pattern}\``);
  } else if (kind === 'Integer') {
    if (schema.minimum !== undefined && schema.maximum !== undefined) parts.push(`integer ${schema.minimum}..${schema.maximum}`);
    else parts.push('integer');
  } else if (kind === 'Array') {
    if (schema.minItems !== undefined || schema.maxItems !== undefined) parts.push(`${schema.minItems ?? 0}..${schema.maxItems ?? 'any'} items`);
  }
  return parts.length > 0 ? `${parts.join(', ')[0]!.toUpperCase()}${parts.join(', ').slice(1)}.` : '';
}

const sentence = (text: unknown) => (typeof text === 'string' ? text.replace(/\.?$/, '.') : undefined);

function describe(schema: TSchema, side: Side, extra: readonly string[] = []): Array<string | undefined> {
  // An array's items have no line of their own in the type: what is said of them is said here.
  const items = String(schema[Kind]) === 'Array' ? (schema.items as TSchema) : undefined;
  return [
    sentence(schema.description),
    items?.description !== undefined ? `Each item: ${sentence(items.description)}` : undefined,
    constraints(schema, side) || undefined,
    ...extra,
    isDesigned(schema) ? DESIGNED_REMARK : undefined,
    items && isDesigned(items) ? `${DESIGNED_REMARK} (each item)` : undefined,
  ];
}

interface TypeContext {
  side: Side;
  where: string;
  /** Answer fields a money operation may lack (its outcome learned from the result inquiry). */
  optionalAtTop?: ReadonlySet<string>;
  notes?: Readonly<Record<string, string>>;
}

/** The TypeScript type of a schema, objects written out with a JSDoc per property. */
function typeOf(schema: TSchema, ctx: TypeContext, pad: string, top = false): string {
  if (isInt64Schema(schema)) return ctx.side === 'request' ? 'Int64Input' : 'Int64';
  const kind = String(schema[Kind]);
  switch (kind) {
    case 'String':
      return 'string';
    case 'Integer':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'StringEnum': {
      const values: unknown = schema.enum;
      if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) throw new Error(`${ctx.where}: StringEnum without a list of strings`);
      return values.map(literal).join(' | ');
    }
    case 'Array': {
      const item = typeOf(schema.items as TSchema, ctx, pad);
      return item.includes('|') || item.includes('\n') ? `Array<${item}>` : `${item}[]`;
    }
    case 'Object': {
      const required = new Set<string>(schema.required ?? []);
      const inner = `${pad}  `;
      const lines = ['{'];
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
        const optional = !required.has(name) || (top && ctx.optionalAtTop?.has(name) === true);
        const note = top ? ctx.notes?.[name] : undefined;
        lines.push(...jsdoc(describe(sub, ctx.side, note ? [note] : []), inner));
        const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name);
        lines.push(`${inner}${key}${optional ? '?' : ''}: ${typeOf(sub, ctx, inner)};`);
      }
      lines.push(`${pad}}`);
      return lines.join('\n');
    }
    default:
      throw new Error(`${ctx.where}: schema kind ${kind} has no TypeScript type (extend scripts/client-source.ts)`);
  }
}

/** The `a/b/*` paths of the Int64 fields of an answer. */
export function int64Paths(schema: TSchema, prefix: string[] = []): string[] {
  if (isInt64Schema(schema)) return [prefix.join('/')];
  const kind = String(schema[Kind]);
  if (kind === 'Object') {
    return Object.entries((schema.properties ?? {}) as Record<string, TSchema>).flatMap(([name, sub]) => int64Paths(sub, [...prefix, name]));
  }
  if (kind === 'Array') return int64Paths(schema.items as TSchema, [...prefix, '*']);
  return [];
}

const KIND_SENTENCE: Readonly<Record<OperationKind, string>> = {
  read: 'A read: safe to repeat.',
  write:
    'A write: the gateway never repeats it once it may have reached the platform; after `KonaplateOutcomeUnknown`, check the platform state before repeating.',
  money:
    'Moves money: this is one attempt. `charge` / `cancelCharge` send it with the same sequenceId until the answer is final (the gateway never sends a sequenceId to the platform twice).',
};

/** What the gateway adds to a money answer (lib/money/flow.ts, moneyResult): the outcome, and the request's key under its own name. */
const moneyAnswerFields = (key: string) => [
  `  /** COMPLETED, or PENDING (HTTP 202): the platform has not settled it yet; call again with the same ${key}. */`,
  "  outcome: 'COMPLETED' | 'PENDING';",
  `  /** The ${key} of the request: the key of its outcome. */`,
  `  ${key}: string;`,
];

const LOST_ANSWER_NOTE =
  'Absent when the gateway learned the outcome by asking the platform (the answer was lost): the card history (`cardTransactionHistory`) has it.';

function designedParts(op: Operation): string[] {
  return (Object.entries(op.documented) as Array<[string, boolean]>).filter(([, documented]) => !documented).map(([part]) => part);
}

function methodDoc(op: Operation): Array<string | undefined> {
  const title = op.titleKo ? `${op.title} (${op.titleKo}).` : `${op.title}.`;
  const encrypted = [op.encrypted.request ? 'request' : '', op.encrypted.response ? 'answer' : ''].filter(Boolean);
  const lines = [
    title,
    '',
    `\`POST ${op.path}\`, function \`${op.id}\`. ${KIND_SENTENCE[op.kind]}`,
    encrypted.length > 0 ? `The gateway encrypts the ${encrypted.join(' and the ')} for the platform (JWE).` : undefined,
    '',
  ];
  // A code saying the key (sequenceId, transactionId …) is known is never thrown: the gateway learns what became of it instead.
  for (const code of op.resultCodes.filter((row) => row.duplicateKey !== true)) {
    lines.push(`@throws {@link ${ERROR_TABLE[code.kind].name}} ${code.code} ${code.meaning}${code.documented ? '' : ' (designed code)'}`);
  }
  const designed = designedParts(op);
  if (designed.length > 0) lines.push(`${DESIGNED_REMARK}: ${designed.join(', ')}`);
  return lines;
}

function interfaceOf(name: string, doc: readonly string[], schema: TSchema, ctx: TypeContext, extraFields: readonly string[] = []): string[] {
  const body = typeOf(schema, ctx, '', true);
  const fields = body.slice(1, -1).replace(/^\n/, '').replace(/\n$/, '');
  return [...jsdoc(doc, ''), `export interface ${name} {`, ...(fields ? [fields] : []), ...extraFields, '}'];
}

export function clientOperationsSource(operations: readonly Operation[]): string {
  const out = [
    generatedHeader('lib/catalog (scripts/client-source.ts)'),
    '// Request and answer types of every operation, one method per operation, and what the client needs',
    '// of each at run time. Fields marked "designed" are not in the platform\'s public documentation.',
    "import type { CallOptions, Int64, Int64Input, OperationInfo } from './transport';",
    '',
  ];
  for (const op of operations) {
    const where = `${op.id}`;
    const designed = (schema: TSchema) => (isDesigned(schema) ? [DESIGNED_REMARK] : []);
    out.push(...interfaceOf(requestTypeName(op), [`Request of \`${op.id}\`: ${op.title}.`, ...designed(op.request)], op.request, { side: 'request', where: `${where} request` }), '');
    const money = op.kind === 'money';
    const responseFields = Object.keys((op.response.properties ?? {}) as Record<string, TSchema>);
    const mayLack = money ? new Set(responseFields.filter((name) => name !== 'isPending')) : undefined;
    const notes = mayLack ? Object.fromEntries([...mayLack].map((name) => [name, LOST_ANSWER_NOTE])) : undefined;
    out.push(
      ...interfaceOf(answerTypeName(op), [`Answer of \`${op.id}\`: ${op.title}.`, ...designed(op.response)], op.response, { side: 'answer', where: `${where} answer`, optionalAtTop: mayLack, notes }, op.money ? moneyAnswerFields(op.money.key) : []),
      '',
    );
  }
  out.push('/** Every operation\'s request and answer types, by function name. */', 'export interface OperationTypes {');
  for (const op of operations) out.push(`  ${op.id}: { request: ${requestTypeName(op)}; answer: ${answerTypeName(op)} };`);
  out.push('}', '', 'export type OperationId = keyof OperationTypes;', '');
  out.push('/** What the client needs of each operation at run time. */', 'export const OPERATIONS: { readonly [Id in OperationId]: OperationInfo } = {');
  for (const op of operations) {
    const key = op.money ? `, moneyKey: ${literal(op.money.key)}` : '';
    out.push(`  ${op.id}: { id: ${literal(op.id)}, path: ${literal(op.path)}, kind: ${literal(op.kind)}, int64Answer: ${literal(int64Paths(op.response))}${key} },`);
  }
  out.push('};', '');
  out.push(
    '/** One method per operation, named as its function; `KonaplateClient` supplies the transport. */',
    'export abstract class KonaplateOperations {',
    '  /** Sends one request to the operation: its answer, or a KonaplateError. */',
    '  protected abstract send<Id extends OperationId>(operation: OperationInfo, request: OperationTypes[Id][\'request\'], options?: CallOptions): Promise<OperationTypes[Id][\'answer\']>;',
  );
  for (const op of operations) {
    out.push('', ...jsdoc(methodDoc(op), '  '));
    out.push(`  ${op.id}(request: ${requestTypeName(op)}, options?: CallOptions): Promise<${answerTypeName(op)}> {`);
    out.push(`    return this.send<${literal(op.id)}>(OPERATIONS.${op.id}, request, options);`, '  }');
  }
  out.push('}', '');
  return out.join('\n');
}

export function clientErrorsSource(table: Readonly<Record<ErrorKind, ErrorTableRow>> = ERROR_TABLE): string {
  const out = [
    generatedHeader('lib/errors.ts ERROR_TABLE (scripts/client-source.ts)'),
    '// One class per error kind of the gateway, named as the gateway names the error.',
    "import { KonaplateError } from './errors';",
    '',
  ];
  const rows = Object.entries(table) as Array<[ErrorKind, ErrorTableRow]>;
  for (const [kind, row] of rows) {
    out.push(
      ...jsdoc([row.meaning, `HTTP ${row.status}, kind \`${kind}\`.`], ''),
      `export class ${row.name} extends KonaplateError {`,
      `  static override readonly type: string = ${literal(row.name)};`,
      `  static override readonly kind: string = ${literal(kind)};`,
      `  static override readonly status: number = ${row.status};`,
      '}',
      '',
    );
  }
  out.push('/** Each class by the type the gateway names its errors with. */', 'export const ERROR_CLASSES: Readonly<Record<string, typeof KonaplateError>> = {');
  for (const [, row] of rows) out.push(`  ${row.name},`);
  out.push('};', '');
  return out.join('\n');
}
