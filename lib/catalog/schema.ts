/**
 * Schema vocabulary of the catalog, built on TypeBox so one declaration is the JSON Schema
 * (sandbox checks, OpenAPI), the runtime validator and the TypeScript type.
 */
import {
  Array as ArrayOf, Boolean as BooleanType, FormatRegistry, Integer, Kind, Object as ObjectOf, Optional, String as StringType,
  TypeRegistry, Unsafe, type SchemaOptions, type TSchema, type TUnsafe,
} from '@sinclair/typebox';
import { int64Conforms, int64Range, isDate8, type Int64Range } from './checks';

/**
 * The builders the catalog uses, imported one by one: TypeBox's own `Type` object carries every
 * builder (mapped, template literal, extends …), ~25 KB of each function's bundle that no schema needs.
 */
export const Type = { Object: ObjectOf, Optional, String: StringType, Integer, Boolean: BooleanType, Array: ArrayOf, Unsafe };
export type { Static, TObject, TSchema } from '@sinclair/typebox';

/** Marks a schema (field, object) the public documentation does not show: designed by us. */
export const UNDOCUMENTED = { 'x-documented': false } as const;

/**
 * Marks a request field the gateway reads and never sends to the platform (a money operation's
 * `money.gatewayOnly`): designed by us, so always undocumented too.
 */
export const GATEWAY_ONLY = { 'x-gateway-only': true, ...UNDOCUMENTED } as const;

export interface Int64Options extends SchemaOptions {
  minimum: bigint;
  maximum: bigint;
}

export interface TInt64 extends TUnsafe<number | bigint> {
  'x-int64-minimum': string;
  'x-int64-maximum': string;
}

export { exactInteger, wireInteger } from './checks';

/** The bounds of an Int64 schema, parsed once per schema. */
const ranges = new WeakMap<TInt64, Int64Range>();
export function int64RangeOf(schema: TInt64): Int64Range {
  let range = ranges.get(schema);
  if (!range) ranges.set(schema, (range = int64Range(schema['x-int64-minimum'], schema['x-int64-maximum'])));
  return range;
}

TypeRegistry.Set<TInt64>('Int64', (schema, value) => int64Conforms(value, int64RangeOf(schema)));

/**
 * An integer id that may exceed 2^53 (the platform's 19-digit userId). Accepted as a JSON number
 * (exact, since bodies are parsed losslessly), a bigint, or a decimal string; sent as bare digits.
 */
export function Int64(options: Int64Options): TInt64 {
  const { minimum, maximum, ...rest } = options;
  return Unsafe<number | bigint>({
    ...rest,
    [Kind]: 'Int64',
    type: 'integer',
    format: 'int64',
    minimum: Number(minimum),
    maximum: Number(maximum),
    'x-int64-minimum': minimum.toString(),
    'x-int64-maximum': maximum.toString(),
  }) as TInt64;
}

export function isInt64Schema(schema: TSchema): schema is TInt64 {
  return schema[Kind] === 'Int64';
}

/** yyyyMMdd that is a real calendar date. */
FormatRegistry.Set('date8', isDate8);

/** yyyyMMdd calendar date string. */
export const Date8 = (options: SchemaOptions = {}) =>
  Type.String({ minLength: 8, maxLength: 8, format: 'date8', ...options });

/** A string of exactly n decimal digits. */
export const Digits = (n: number, options: SchemaOptions = {}) =>
  Type.String({ minLength: n, maxLength: n, pattern: `^[0-9]{${n}}$`, ...options });

TypeRegistry.Set<TUnsafe<string> & { enum: string[] }>('StringEnum', (schema, value) =>
  typeof value === 'string' && schema.enum.includes(value));

/** A closed list of strings (a plain JSON Schema enum, with one clear error when broken). */
export const StringEnum = <T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Unsafe<T>({ ...options, [Kind]: 'StringEnum', type: 'string', enum: [...values] });
