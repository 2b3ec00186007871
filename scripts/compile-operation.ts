/**
 * Compiles a catalog entry at build time into the module its function imports
 * (lib/catalog/compiled/<file>.ts): the run-time facts (path, version, encryption, kind, result
 * codes, timeout, outcome inquiry) and its request and answer checks as plain code. The checks
 * yield TypeBox's violations in TypeBox's order (lib/catalog/validate.ts: object type, required
 * keys, unknown keys, then each property; a string's lengths, pattern, format; an integer's
 * maximum, then minimum …), so a 400 names the same field and rule either way; the generator
 * refuses any schema keyword it does not compile rather than skip it.
 * `npm run generate` writes the files (scripts/generated-files.ts); test/unit/compiled-validators.test.ts
 * checks they agree with TypeBox.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { isInt64Schema } from '../lib/catalog/schema';
import { FORMATS, type IntegerShape } from '../lib/catalog/checks';
import type { Operation } from '../lib/catalog/types';
import { typeName } from '../lib/catalog/validate';
import { generatedHeader, operationFileName } from './catalog-files';

export const COMPILED_DIR = 'lib/catalog/compiled';

/** Keywords that only describe; TypeBox's checks ignore them, and so do the compiled ones. */
const ANNOTATION = new Set(['description', 'default', 'title', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly']);

/** What each kind's check reads; anything else in a schema of that kind stops the generator. */
const CHECKED: Record<string, readonly string[]> = {
  Object: ['type', 'properties', 'required', 'additionalProperties'],
  String: ['type', 'minLength', 'maxLength', 'pattern', 'format'],
  Integer: ['type', 'minimum', 'maximum'],
  Boolean: ['type'],
  Array: ['type', 'items', 'minItems', 'maxItems'],
  // Custom kinds: TypeBox calls only their registry check (lib/catalog/schema.ts), whatever else they carry.
  Int64: ['type', 'format', 'minimum', 'maximum'],
  StringEnum: ['type', 'enum', 'minLength', 'maxLength'],
};


/** One segment of a field's JSON pointer: known when compiling, or a JS expression (array index, caller's key). */
type Segment = { text: string } | { js: string };

export class Emitter {
  readonly lines: string[] = [];
  readonly constants: string[] = [];
  readonly helpers = new Set<string>();
  private readonly named = new Map<string, string>();
  private next = 0;

  constructor(private readonly where: string) {}

  name(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  /** A module-level constant for `expression`, one per distinct expression. */
  constant(prefix: string, expression: string, type?: string): string {
    const known = this.named.get(expression);
    if (known) return known;
    const name = this.name(prefix);
    this.named.set(expression, name);
    this.constants.push(`const ${name}${type ? `: ${type}` : ''} = ${expression};`);
    return name;
  }

  helper(name: string): string {
    this.helpers.add(name);
    return name;
  }

  fail(path: Segment[], why: string): never {
    const field = path.map((s) => ('text' in s ? s.text : '*')).join('/') || '(body)';
    throw new Error(`${this.where} ${field}: ${why} (extend scripts/compile-operation.ts, or use a keyword it compiles)`);
  }
}

const literal = (value: unknown) => JSON.stringify(value);

/** The JS expression of a field's pointer without the leading slash, as TypeBox's error paths give it. */
function fieldOf(path: Segment[]): string {
  const parts: string[] = [];
  let text = '';
  path.forEach((segment, i) => {
    if (i > 0) text += '/';
    if ('text' in segment) {
      text += segment.text.replace(/~/g, '~0').replace(/\//g, '~1');
      return;
    }
    if (text) parts.push(literal(text));
    parts.push(segment.js);
    text = '';
  });
  if (text || parts.length === 0) parts.push(literal(text));
  if (parts.length === 1 && !parts[0]!.startsWith('"')) parts.unshift('""');
  return parts.join(' + ');
}

function checkKeywords(e: Emitter, schema: TSchema, kind: string, path: Segment[]): void {
  const allowed = CHECKED[kind];
  if (!allowed) e.fail(path, `schema kind ${kind} is not compiled`);
  for (const key of Object.keys(schema)) {
    if (ANNOTATION.has(key) || key.startsWith('x-') || allowed.includes(key)) continue;
    e.fail(path, `keyword ${key} of a ${kind} is not compiled`);
  }
}

/** A call's arguments, trailing absent ones left out. */
function args(values: unknown[]): string {
  const list = [...values];
  while (list.length > 0 && list.at(-1) === undefined) list.pop();
  return list.map((value) => (value === undefined ? 'undefined' : literal(value))).join(', ');
}

const LEAVES = new Set(['String', 'Integer', 'Boolean', 'StringEnum', 'Int64']);

/** TypeBox names a type error after the schema's `type`; the run-time helpers assume the usual one per kind. */
const TYPE_OF_KIND: Record<string, string> = { Object: 'object', String: 'string', Integer: 'integer', Boolean: 'boolean', Array: 'array' };

/** The helper call that adds a leaf's violations and says whether to stop. */
function leafCheck(e: Emitter, schema: TSchema, kind: string, value: string, path: Segment[]): string {
  const field = fieldOf(path);
  switch (kind) {
    case 'String':
      if (typeof schema.format === 'string' && !FORMATS[schema.format]) e.fail(path, `format ${schema.format} has no compiled check`);
      return `${e.helper('checkString')}(o, ${value}, ${field}${args([schema.minLength, schema.maxLength, schema.pattern, schema.format]).replace(/^(?=.)/, ', ')})`;
    case 'Integer':
      return `${e.helper('checkInteger')}(o, ${value}, ${field}${args([schema.minimum, schema.maximum]).replace(/^(?=.)/, ', ')})`;
    case 'Boolean':
      return `${e.helper('checkBoolean')}(o, ${value}, ${field})`;
    case 'StringEnum': {
      const values: unknown = schema.enum;
      if (!Array.isArray(values) || !values.every((item) => typeof item === 'string')) e.fail(path, 'StringEnum without a list of strings');
      return `${e.helper('checkEnum')}(o, ${value}, ${field}, ${e.constant('E', literal(values), 'readonly string[]')})`;
    }
    default: {
      if (!isInt64Schema(schema)) e.fail(path, 'Int64 without its x-int64 bounds');
      const range = e.constant('I', `${e.helper('int64Range')}(${literal(schema['x-int64-minimum'])}, ${literal(schema['x-int64-maximum'])})`);
      return `${e.helper('checkInt64')}(o, ${value}, ${field}, ${range})`;
    }
  }
}

function kindOf(e: Emitter, schema: TSchema, path: Segment[]): string {
  const kind = String(schema[Kind]);
  checkKeywords(e, schema, kind, path);
  const expected = TYPE_OF_KIND[kind];
  if (expected !== undefined && typeName(schema) !== expected) e.fail(path, `a ${kind} of type ${typeName(schema)}`);
  return kind;
}

/** Statements that add the violations of `value` (a JS variable) against `schema`, returning when the limit is reached. */
function visit(e: Emitter, schema: TSchema, v: string, path: Segment[], pad: string): void {
  const kind = kindOf(e, schema, path);
  if (LEAVES.has(kind)) {
    e.lines.push(`${pad}if (${leafCheck(e, schema, kind, v, path)}) return;`);
    return;
  }
  const inner = `${pad}  `;
  const field = fieldOf(path);
  if (kind === 'Object') {
    e.lines.push(`${pad}if (!${e.helper('isObject')}(${v})) {`, `${inner}if (o.add(${field}, "type object")) return;`, `${pad}} else {`);
    const properties = (schema.properties ?? {}) as Record<string, TSchema>;
    const known = Object.getOwnPropertyNames(properties);
    const required: string[] = Array.isArray(schema.required) ? schema.required : [];
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== true && schema.additionalProperties !== false) {
      e.fail(path, 'additionalProperties other than false is not compiled');
    }
    const closed = schema.additionalProperties === false;
    if (required.length > 0 || closed) {
      const requiredList = e.constant('K', literal(required), 'readonly string[]');
      const knownList = closed ? `, ${e.constant('K', literal(known), 'readonly string[]')}` : '';
      e.lines.push(`${inner}if (${e.helper('checkKeys')}(o, ${v}, ${field}, ${requiredList}${knownList})) return;`);
    }
    for (const key of known) {
      const sub = properties[key]!;
      const subPath: Segment[] = [...path, { text: key }];
      const expression = `${v}[${literal(key)}]`;
      const subKind = kindOf(e, sub, subPath);
      // TypeBox visits an optional property only when it is not undefined; a required one always.
      const present = required.includes(key) ? '' : `${expression} !== undefined && `;
      if (LEAVES.has(subKind)) {
        e.lines.push(`${inner}if (${present}${leafCheck(e, sub, subKind, expression, subPath)}) return;`);
        continue;
      }
      const child = e.name('v');
      e.lines.push(`${inner}{`, `${inner}  const ${child}: any = ${expression};`);
      if (present) {
        e.lines.push(`${inner}  if (${child} !== undefined) {`);
        visit(e, sub, child, subPath, `${inner}    `);
        e.lines.push(`${inner}  }`);
      } else {
        visit(e, sub, child, subPath, `${inner}  `);
      }
      e.lines.push(`${inner}}`);
    }
    e.lines.push(`${pad}}`);
    return;
  }
  if (kind === 'Array') {
    if (!schema.items) e.fail(path, 'an array without items is not compiled');
    e.lines.push(`${pad}if (!Array.isArray(${v})) {`, `${inner}if (o.add(${field}, "type array")) return;`, `${pad}} else {`);
    if (schema.minItems !== undefined || schema.maxItems !== undefined) {
      e.lines.push(`${inner}if (${e.helper('checkArrayLength')}(o, ${v}, ${field}, ${args([schema.minItems, schema.maxItems])})) return;`);
    }
    const index = e.name('i');
    const item = e.name('v');
    e.lines.push(`${inner}for (let ${index} = 0; ${index} < ${v}.length; ${index}++) {`, `${inner}  const ${item}: any = ${v}[${index}];`);
    visit(e, schema.items as TSchema, item, [...path, { js: index }], `${inner}  `);
    e.lines.push(`${inner}}`, `${pad}}`);
    return;
  }
  e.fail(path, `schema kind ${kind} is not compiled`);
}

/** Where Int64 fields sit (lib/catalog/checks.ts normalizeByShape), or undefined when there are none. */
export function integerShape(schema: TSchema): IntegerShape | undefined {
  if (isInt64Schema(schema)) return 1;
  if (schema[Kind] === 'Array' && schema.items) {
    const item = integerShape(schema.items as TSchema);
    return item === undefined ? undefined : [item];
  }
  if (schema[Kind] === 'Object' && schema.properties) {
    const out: Record<string, IntegerShape> = {};
    for (const [key, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
      const inner = integerShape(property);
      if (inner !== undefined) out[key] = inner;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return undefined;
}

/** A `function <name>(v, o)` of the schema's checks, and the expression of its SchemaCheck. */
export function checkFunction(e: Emitter, name: string, schema: TSchema): string {
  e.lines.push(`function ${name}(v: any, o: Violations): void {`);
  visit(e, schema, 'v', [], '  ');
  e.lines.push('}', '');
  const shape = integerShape(schema);
  return `${e.helper('compiledCheck')}(${name}${shape === undefined ? '' : `, ${literal(shape)}`})`;
}

/** The source of lib/catalog/compiled/<file>.ts for one catalog entry. */
export function compiledOperationSource(op: Operation): string {
  const file = operationFileName(op);
  const e = new Emitter(`lib/catalog/operations/${file}.ts`);
  const request = checkFunction(e, 'checkRequest', op.request);
  const response = checkFunction(e, 'checkResponse', op.response);
  const inquiry = op.outcomeInquiry;

  const fields = [
    `  id: ${literal(op.id)},`,
    `  path: ${literal(op.path)},`,
    `  version: ${literal(op.version)},`,
    `  encrypted: { request: ${op.encrypted.request}, response: ${op.encrypted.response} },`,
    `  kind: ${literal(op.kind)},`,
    `  resultCodes: [`,
    ...op.resultCodes.map((row) => `    ${literal(row)},`),
    `  ],`,
    ...(op.timeoutMs === undefined ? [] : [`  timeoutMs: ${op.timeoutMs},`]),
    ...(inquiry ? [`  outcomeInquiry: ${inquiry.id},`] : []),
    `  checks: { request: ${request}, response: ${response} },`,
  ];
  const imports = [...e.helpers].sort();
  return [
    generatedHeader(`lib/catalog/operations/${file}.ts`),
    '// What the function needs of its operation at run time, the schemas compiled to plain checks that',
    '// name the same field and rule as TypeBox (scripts/compile-operation.ts).',
    `import { ${[...imports, 'type Violations'].join(', ')} } from '../checks';`,
    `import type { GatewayOperation } from '../types';`,
    ...(inquiry ? [`import { ${inquiry.id} } from './${operationFileName(inquiry)}';`] : []),
    '',
    ...(e.constants.length ? [...e.constants, ''] : []),
    ...e.lines,
    `export const ${op.id}: GatewayOperation<${literal(op.kind)}> = {`,
    ...fields,
    '};',
    '',
  ].join('\n');
}
