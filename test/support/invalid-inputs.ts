/**
 * Invalid requests derived from a catalog schema, for property-based tests: each is a valid
 * request with exactly one thing broken, and says which field (JSON pointer) is at fault.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import { isInt64Schema } from '../../lib/catalog/schema';

export interface Broken {
  /** What was broken, for the failure message. */
  mutation: string;
  /** The field a 400 must name, as a JSON pointer without the leading slash ("" = the body itself). */
  field: string;
  value: unknown;
  /**
   * Invalid only as a JavaScript value (a direct invoke): a number beyond 2^53 has already lost
   * digits there, while over HTTP the same JSON text is read exactly.
   */
  invokeOnly?: boolean;
}

/** RFC 6901 escaping of one pointer segment, as the validator names fields. */
const pointer = (segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface Slot {
  path: string[];
  schema: TSchema;
  required: boolean;
  parent: TSchema;
}

/** Every field of the schema that the base value holds, depth first. */
function slotsOf(schema: TSchema, value: unknown, path: string[] = []): Slot[] {
  if (schema.type !== 'object' || value === null || typeof value !== 'object') return [];
  const required = new Set<string>(schema.required ?? []);
  const out: Slot[] = [];
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    if (!(name in (value as Record<string, unknown>))) continue;
    const child = (value as Record<string, unknown>)[name];
    out.push({ path: [...path, name], schema: sub, required: required.has(name), parent: schema });
    out.push(...slotsOf(sub, child, [...path, name]));
  }
  return out;
}

function setAt(base: unknown, path: string[], mutate: (holder: Record<string, unknown>, key: string) => void): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let holder = copy;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  mutate(holder, path.at(-1)!);
  return copy;
}

const typeOf = (schema: TSchema): string => (isInt64Schema(schema) ? 'int64' : String(schema.type ?? schema[Kind]));

/** Values of another JSON type than the schema's. */
function wrongTypes(schema: TSchema): unknown[] {
  switch (typeOf(schema)) {
    case 'string': return [123, true, null, {}, [], 1.5];
    case 'integer': return ['12', 1.5, true, null, {}, []];
    case 'number': return ['12', true, null, {}, []];
    case 'int64': return ['12a', 1.5, true, null, {}, [], -1.5];
    case 'boolean': return ['true', 1, 0, null, {}, []];
    case 'object': return ['x', 1, true, null, []];
    case 'array': return ['x', 1, true, null, {}];
    default: return [Symbol.for('never')];
  }
}

/** Values just outside the schema's bounds, patterns and enums. */
function outOfBounds(schema: TSchema): unknown[] {
  const out: unknown[] = [];
  if (isInt64Schema(schema)) {
    out.push((BigInt(schema['x-int64-minimum']) - 1n).toString(), (BigInt(schema['x-int64-maximum']) + 1n).toString());
    return out;
  }
  if (schema.type === 'string') {
    if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push('7'.repeat(schema.minLength - 1));
    if (typeof schema.maxLength === 'number') out.push('7'.repeat(schema.maxLength + 1), '가'.repeat(schema.maxLength + 1));
    if (Array.isArray(schema.enum)) out.push(`${schema.enum[0]}X`, String(schema.enum[0]).toLowerCase() === schema.enum[0] ? `${schema.enum[0]}`.toUpperCase() : String(schema.enum[0]).toLowerCase());
    if (schema.pattern || schema.format) {
      const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 8, 8));
      out.push(' '.repeat(length), '\u0000'.repeat(length));
    }
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (typeof schema.minimum === 'number') out.push(schema.minimum - 1);
    if (typeof schema.maximum === 'number') out.push(schema.maximum + 1);
    if (schema.type === 'integer') out.push(0.5);
  }
  if (schema.type === 'array') {
    if (typeof schema.maxItems === 'number' && schema.items) out.push(Array.from({ length: schema.maxItems + 1 }, () => null));
    if (typeof schema.minItems === 'number' && schema.minItems > 0) out.push([]);
  }
  // A value that is equal in JSON text but not in meaning: enum values are case-sensitive.
  return out.filter((value) => value !== undefined);
}

/** An arbitrary that yields invalid requests built on `base` (a valid request of `schema`). */
export function invalidRequests(schema: TSchema, base: Record<string, unknown>): fc.Arbitrary<Broken> {
  const slots = slotsOf(schema, base);
  const choices: Array<fc.Arbitrary<Broken>> = [
    fc.constantFrom<unknown>(null, [], 'text', 42, true).map((value) => ({ mutation: 'body not an object', field: '', value })),
    fc.string({ minLength: 1, maxLength: 12 })
      .filter((name) => !((schema.properties ?? {}) as object).hasOwnProperty(name) && name !== '__proto__')
      .map((name) => ({ mutation: `unknown field ${name}`, field: pointer([name]), value: { ...base, [name]: 1 } })),
  ];
  for (const slot of slots) {
    const field = pointer(slot.path);
    if (slot.required) {
      choices.push(fc.constant({ mutation: `missing ${field}`, field, value: setAt(base, slot.path, (h, k) => delete h[k]) }));
    }
    const wrong = wrongTypes(slot.schema).filter((v) => typeof v !== 'symbol');
    if (wrong.length) {
      choices.push(fc.constantFrom(...wrong).map((bad) => ({ mutation: `${field} as ${JSON.stringify(bad)}`, field, value: setAt(base, slot.path, (h, k) => { h[k] = bad; }) })));
    }
    if (isInt64Schema(slot.schema)) {
      choices.push(fc.constant({ mutation: `${field} as a rounded number beyond 2^53`, field, invokeOnly: true, value: setAt(base, slot.path, (h, k) => { h[k] = 2 ** 53 + 2; }) }));
    }
    const bounds = outOfBounds(slot.schema);
    if (bounds.length) {
      choices.push(fc.constantFrom(...bounds).map((bad) => ({ mutation: `${field} = ${JSON.stringify(bad)?.slice(0, 40)}`, field, value: setAt(base, slot.path, (h, k) => { h[k] = bad; }) })));
    }
    if (slot.schema.type === 'object' && slot.schema.additionalProperties === false) {
      choices.push(fc.constant({ mutation: `unknown field in ${field}`, field: `${field}/zz`, value: setAt(base, [...slot.path, 'zz'], (h, k) => { h[k] = 1; }) }));
    }
  }
  return fc.oneof(...choices);
}
