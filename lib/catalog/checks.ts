/**
 * The catalog's rules at run time, without TypeBox: what a violation is, the integer and date
 * rules the catalog adds to JSON Schema, and the small helpers the validators compiled at build
 * time (lib/catalog/compiled/, `npm run generate`) call. TypeBox's own checks
 * (lib/catalog/validate.ts) use the same rules, so both name a broken field in the same words.
 */

export interface Violation {
  /** JSON pointer path without the leading slash; "" for the body itself. */
  field: string;
  rule: string;
}

/** A schema's checks, however they were built: TypeBox at run time, or compiled at build time. */
export interface SchemaCheck {
  /** The first violation, or undefined when the value conforms. */
  firstViolation(value: unknown): Violation | undefined;
  /** Up to `limit` violations in a stable order (for answers a caller did not expect: logged, not thrown). */
  allViolations(value: unknown, limit?: number): Violation[];
  /** Int64 fields given as decimal strings become number (when safe) or bigint. Call after the value conformed. */
  normalizeIntegers(value: unknown): unknown;
}

const DIGITS = /^-?\d{1,20}$/;

/** The integer value of a number, bigint or decimal string, or undefined when it has none exactly. */
export function exactInteger(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && DIGITS.test(value)) return BigInt(value);
  return undefined;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** An integer as the wire types it: a JSON number when a double holds it exactly, bigint beyond. */
export function wireInteger(value: bigint): number | bigint {
  return value <= MAX_SAFE && value >= MIN_SAFE ? Number(value) : value;
}

/** The bounds of an Int64 field, as the schema writes them (decimal strings) and as bigint. */
export interface Int64Range {
  min: bigint;
  max: bigint;
  minText: string;
  maxText: string;
}

export const int64Range = (minText: string, maxText: string): Int64Range => ({ min: BigInt(minText), max: BigInt(maxText), minText, maxText });

export function int64Conforms(value: unknown, range: Int64Range): boolean {
  const int = exactInteger(value);
  return int !== undefined && int >= range.min && int <= range.max;
}

/** Why a value is not an Int64 in range, in words a caller can act on. */
export function int64Rule(value: unknown, range: Int64Range): string {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return `integer beyond 2^53 must be sent as a decimal string (range ${range.minText}..${range.maxText})`;
  }
  const int = exactInteger(value);
  if (int === undefined) return `type integer (range ${range.minText}..${range.maxText})`;
  return int < range.min ? `minimum ${range.minText}` : `maximum ${range.maxText}`;
}

/** yyyyMMdd that is a real calendar date (the catalog's `date8` format). */
export function isDate8(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(4, 6));
  const d = Number(value.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// ---- used by the compiled validators (lib/catalog/compiled/): one call per field, each adding
// TypeBox's violations for that field in TypeBox's order and saying whether the limit is reached.

/** RFC 6901 escaping of one pointer segment (a caller's unknown key may hold "/" or "~"). */
const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const child = (field: string, key: string) => (field ? `${field}/${pointerSegment(key)}` : pointerSegment(key));

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects violations until `limit`; `add` says when to stop. */
export class Violations {
  readonly list: Violation[] = [];

  constructor(private readonly limit: number) {}

  add(field: string, rule: string): boolean {
    this.list.push({ field, rule });
    return this.list.length >= this.limit;
  }
}

/** Formats the catalog registers with TypeBox (lib/catalog/schema.ts), for the compiled checks. */
export const FORMATS: Readonly<Record<string, (value: string) => boolean>> = { date8: isDate8 };

const patterns = new Map<string, RegExp>();

export function checkString(o: Violations, v: unknown, field: string, minLength?: number, maxLength?: number, pattern?: string, format?: string): boolean {
  if (typeof v !== 'string') return o.add(field, 'type string');
  if (minLength !== undefined && !(v.length >= minLength) && o.add(field, `minLength ${minLength}`)) return true;
  if (maxLength !== undefined && !(v.length <= maxLength) && o.add(field, `maxLength ${maxLength}`)) return true;
  if (pattern !== undefined) {
    let regex = patterns.get(pattern);
    if (!regex) patterns.set(pattern, (regex = new RegExp(pattern)));
    if (!regex.test(v) && o.add(field, `pattern ${pattern}`)) return true;
  }
  return format !== undefined && !FORMATS[format]!(v) && o.add(field, `format ${format}`);
}

export function checkInteger(o: Violations, v: unknown, field: string, minimum?: number, maximum?: number): boolean {
  if (typeof v !== 'number' || !Number.isInteger(v)) return o.add(field, 'type integer');
  if (maximum !== undefined && !(v <= maximum) && o.add(field, `maximum ${maximum}`)) return true;
  return minimum !== undefined && !(v >= minimum) && o.add(field, `minimum ${minimum}`);
}

export const checkBoolean = (o: Violations, v: unknown, field: string): boolean => typeof v !== 'boolean' && o.add(field, 'type boolean');

export const checkEnum = (o: Violations, v: unknown, field: string, values: readonly string[]): boolean =>
  !(typeof v === 'string' && values.includes(v)) && o.add(field, `one of ${values.join('|')}`);

export const checkInt64 = (o: Violations, v: unknown, field: string, range: Int64Range): boolean =>
  !int64Conforms(v, range) && o.add(field, int64Rule(v, range));

/** An object's keys: required ones missing, then unknown ones (when `known` is given), in the value's key order. */
export function checkKeys(o: Violations, v: Record<string, unknown>, field: string, required: readonly string[], known?: readonly string[]): boolean {
  const names = Object.getOwnPropertyNames(v);
  for (const key of required) if (!names.includes(key) && o.add(child(field, key), 'required')) return true;
  if (known) for (const key of names) if (!known.includes(key) && o.add(child(field, key), 'unknown field')) return true;
  return false;
}

export function checkArrayLength(o: Violations, v: unknown[], field: string, minItems?: number, maxItems?: number): boolean {
  if (minItems !== undefined && !(v.length >= minItems) && o.add(field, `minItems ${minItems}`)) return true;
  return maxItems !== undefined && !(v.length <= maxItems) && o.add(field, `maxItems ${maxItems}`);
}

/**
 * Where a schema holds Int64 fields: 1 for an Int64 value, [shape] for the items of an array,
 * { key: shape } for the properties of an object; branches without an Int64 are left out.
 */
export type IntegerShape = 1 | [IntegerShape] | { [key: string]: IntegerShape };

export function normalizeByShape(shape: IntegerShape, value: unknown): unknown {
  if (shape === 1) {
    const int = exactInteger(value);
    return int === undefined ? value : wireInteger(int);
  }
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map((item) => normalizeByShape(shape[0], item)) : value;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = Object.hasOwn(shape, key) ? normalizeByShape(shape[key]!, item) : item;
  return out;
}

/** The SchemaCheck of a compiled visitor and its Int64 shape (undefined: the schema has no Int64 field). */
export function compiledCheck(visit: (value: unknown, out: Violations) => void, shape?: IntegerShape): SchemaCheck {
  const allViolations = (value: unknown, limit = 10): Violation[] => {
    const out = new Violations(limit);
    visit(value, out);
    return out.list;
  };
  return {
    firstViolation: (value) => allViolations(value, 1)[0],
    allViolations,
    normalizeIntegers: shape === undefined ? (value) => value : (value) => normalizeByShape(shape, value),
  };
}
