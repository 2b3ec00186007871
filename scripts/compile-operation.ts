/**
 * Compiles a catalog entry at build time into the module its function imports
 * (lib/catalog/compiled/<file>.ts): the run-time facts (path, version, encryption, kind, result
 * codes, timeout, outcome inquiry) and its request and answer checks as plain code. The checks
 * yield TypeBox's violations in TypeBox's order (lib/catalog/validate.ts: object type, required
 * keys, unknown keys, then each property; a string's lengths, pattern, format; an integer's
 * maximum, then minimum …), so a 400 names the same field and rule either way; the generator
 * refuses any schema keyword it does not compile rather than skip it.
 * `npm run validators` writes the files; test/unit/compiled-validators.test.ts checks they are current.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { isInt64Schema } from '../lib/catalog/schema';
import type { IntegerShape } from '../lib/catalog/checks';
import type { Operation } from '../lib/catalog/types';
import { typeName } from '../lib/catalog/validate';
import { functionFileName } from './functions-block';

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

/** Formats the catalog registers (lib/catalog/schema.ts) → the run-time function that checks them (lib/catalog/checks.ts). */
const FORMATS: Record<string, string> = { date8: 'isDate8' };

/** One segment of a field's JSON pointer: known when compiling, or a JS expression (array index, caller's key). */
type Segment = { text: string } | { js: string };

class Emitter {
  readonly lines: string[] = [];
  readonly constants: string[] = [];
  readonly helpers = new Set<string>();
  private next = 0;

  constructor(private readonly where: string) {}

  name(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  constant(prefix: string, expression: string, type?: string): string {
    const name = this.name(prefix);
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

/** `if (<broken> && o.add(field, rule)) return;` — the rule is a literal or, for Int64, an expression. */
function refuse(e: Emitter, pad: string, broken: string, path: Segment[], rule: string): void {
  e.lines.push(`${pad}if (${broken} && o.add(${fieldOf(path)}, ${rule})) return;`);
}

function visit(e: Emitter, schema: TSchema, v: string, path: Segment[], pad: string): void {
  const kind = String(schema[Kind]);
  checkKeywords(e, schema, kind, path);
  const typeRule = literal(`type ${typeName(schema)}`);
  const inner = `${pad}  `;
  switch (kind) {
    case 'Object': {
      e.lines.push(`${pad}if (!${e.helper('isObject')}(${v})) {`, `${inner}if (o.add(${fieldOf(path)}, ${typeRule})) return;`, `${pad}} else {`);
      const properties = (schema.properties ?? {}) as Record<string, TSchema>;
      const known = Object.getOwnPropertyNames(properties);
      const required: string[] = Array.isArray(schema.required) ? schema.required : [];
      const keys = e.name('k');
      if (required.length > 0 || schema.additionalProperties === false) e.lines.push(`${inner}const ${keys} = Object.getOwnPropertyNames(${v});`);
      for (const key of required) refuse(e, inner, `!${keys}.includes(${literal(key)})`, [...path, { text: key }], literal('required'));
      if (schema.additionalProperties === false) {
        const list = e.constant('K', literal(known), 'readonly string[]');
        const key = e.name('k');
        e.lines.push(`${inner}for (const ${key} of ${keys}) {`);
        refuse(e, `${inner}  `, `!${list}.includes(${key})`, [...path, { js: `${e.helper('pointerSegment')}(${key})` }], literal('unknown field'));
        e.lines.push(`${inner}}`);
      } else if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
        e.fail(path, 'additionalProperties other than false is not compiled');
      }
      for (const key of known) {
        const child = e.name('v');
        e.lines.push(`${inner}{`, `${inner}  const ${child}: any = ${v}[${literal(key)}];`);
        if (required.includes(key)) {
          visit(e, properties[key]!, child, [...path, { text: key }], `${inner}  `);
        } else {
          // TypeBox visits an optional property only when it is not undefined.
          e.lines.push(`${inner}  if (${child} !== undefined) {`);
          visit(e, properties[key]!, child, [...path, { text: key }], `${inner}    `);
          e.lines.push(`${inner}  }`);
        }
        e.lines.push(`${inner}}`);
      }
      e.lines.push(`${pad}}`);
      return;
    }
    case 'String': {
      e.lines.push(`${pad}if (typeof ${v} !== 'string') {`, `${inner}if (o.add(${fieldOf(path)}, ${typeRule})) return;`, `${pad}} else {`);
      if (schema.minLength !== undefined) refuse(e, inner, `!(${v}.length >= ${schema.minLength})`, path, literal(`minLength ${schema.minLength}`));
      if (schema.maxLength !== undefined) refuse(e, inner, `!(${v}.length <= ${schema.maxLength})`, path, literal(`maxLength ${schema.maxLength}`));
      if (typeof schema.pattern === 'string') {
        const regex = e.constant('R', `new RegExp(${literal(schema.pattern)})`);
        refuse(e, inner, `!${regex}.test(${v})`, path, literal(`pattern ${schema.pattern}`));
      }
      if (typeof schema.format === 'string') {
        const check = FORMATS[schema.format];
        if (!check) e.fail(path, `format ${schema.format} has no compiled check`);
        refuse(e, inner, `!${e.helper(check)}(${v})`, path, literal(`format ${schema.format}`));
      }
      e.lines.push(`${pad}}`);
      return;
    }
    case 'Integer':
      e.lines.push(`${pad}if (!Number.isInteger(${v})) {`, `${inner}if (o.add(${fieldOf(path)}, ${typeRule})) return;`, `${pad}} else {`);
      if (schema.maximum !== undefined) refuse(e, inner, `!(${v} <= ${schema.maximum})`, path, literal(`maximum ${schema.maximum}`));
      if (schema.minimum !== undefined) refuse(e, inner, `!(${v} >= ${schema.minimum})`, path, literal(`minimum ${schema.minimum}`));
      e.lines.push(`${pad}}`);
      return;
    case 'Boolean':
      refuse(e, pad, `typeof ${v} !== 'boolean'`, path, typeRule);
      return;
    case 'Array': {
      e.lines.push(`${pad}if (!Array.isArray(${v})) {`, `${inner}if (o.add(${fieldOf(path)}, ${typeRule})) return;`, `${pad}} else {`);
      if (schema.minItems !== undefined) refuse(e, inner, `!(${v}.length >= ${schema.minItems})`, path, literal(`minItems ${schema.minItems}`));
      if (schema.maxItems !== undefined) refuse(e, inner, `!(${v}.length <= ${schema.maxItems})`, path, literal(`maxItems ${schema.maxItems}`));
      if (!schema.items) e.fail(path, 'an array without items is not compiled');
      const index = e.name('i');
      const item = e.name('v');
      e.lines.push(`${inner}for (let ${index} = 0; ${index} < ${v}.length; ${index}++) {`, `${inner}  const ${item}: any = ${v}[${index}];`);
      visit(e, schema.items as TSchema, item, [...path, { js: index }], `${inner}  `);
      e.lines.push(`${inner}}`, `${pad}}`);
      return;
    }
    case 'Int64': {
      if (!isInt64Schema(schema)) e.fail(path, 'Int64 without its x-int64 bounds');
      const range = e.constant('I', `${e.helper('int64Range')}(${literal(schema['x-int64-minimum'])}, ${literal(schema['x-int64-maximum'])})`);
      refuse(e, pad, `!${e.helper('int64Conforms')}(${v}, ${range})`, path, `${e.helper('int64Rule')}(${v}, ${range})`);
      return;
    }
    case 'StringEnum': {
      const values: unknown = schema.enum;
      if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) e.fail(path, 'StringEnum without a list of strings');
      const list = e.constant('E', literal(values), 'readonly string[]');
      refuse(e, pad, `!(typeof ${v} === 'string' && ${list}.includes(${v}))`, path, literal(`one of ${values.join('|')}`));
      return;
    }
    default:
      e.fail(path, `schema kind ${kind} is not compiled`);
  }
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

function checkFunction(e: Emitter, name: string, schema: TSchema): string {
  e.lines.push(`function ${name}(v: any, o: Violations): void {`);
  visit(e, schema, 'v', [], '  ');
  e.lines.push('}', '');
  const shape = integerShape(schema);
  return `${e.helper('compiledCheck')}(${name}${shape === undefined ? '' : `, ${literal(shape)}`})`;
}

/** The source of lib/catalog/compiled/<file>.ts for one catalog entry. */
export function compiledOperationSource(op: Operation): string {
  const file = functionFileName(op);
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
    `// Generated by \`npm run validators\` from lib/catalog/operations/${file}.ts: do not edit.`,
    '// What the function needs of its operation at run time, the schemas compiled to plain checks that',
    '// name the same field and rule as TypeBox (scripts/compile-operation.ts).',
    `import { ${[...imports, 'type Violations'].join(', ')} } from '../checks';`,
    `import type { GatewayOperation } from '../types';`,
    ...(inquiry ? [`import { ${inquiry.id} } from './${functionFileName(inquiry)}';`] : []),
    '',
    ...(e.constants.length ? [...e.constants, ''] : []),
    ...e.lines,
    `export const ${op.id}: GatewayOperation = {`,
    ...fields,
    '};',
    '',
  ].join('\n');
}
