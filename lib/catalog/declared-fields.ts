/**
 * Which fields of a value a catalog schema declares. The sandbox drops undeclared request fields
 * (the platform is not documented to refuse them); the conformance report lists undeclared answer
 * fields. The gateway's own request check still refuses them (its contract with callers).
 */
import type { TSchema } from '@sinclair/typebox';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The object schema's declared properties, or undefined when it declares none or takes any (a schema for additionalProperties). */
function declared(schema: TSchema): Record<string, TSchema> | undefined {
  if (!schema.properties || (schema.additionalProperties !== undefined && typeof schema.additionalProperties === 'object')) return undefined;
  return schema.properties as Record<string, TSchema>;
}

/** RFC 6901 segment: the catalog's pointers name fields the way validation does. */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const join = (at: string, key: string) => (at === '' ? segment(key) : `${at}/${segment(key)}`);

/** JSON pointers (without the leading slash) of the fields `value` has and `schema` does not declare. */
export function undeclaredFields(schema: TSchema, value: unknown, at = ''): string[] {
  if (Array.isArray(value) && schema.items) return value.flatMap((item, index) => undeclaredFields(schema.items as TSchema, item, join(at, String(index))));
  const properties = declared(schema);
  if (!properties || !isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    Object.hasOwn(properties, key) ? undeclaredFields(properties[key]!, item, join(at, key)) : [join(at, key)]);
}

/** A copy of `value` without the fields `schema` does not declare, at any depth. */
export function withoutUndeclaredFields(schema: TSchema, value: unknown): unknown {
  if (Array.isArray(value) && schema.items) return value.map((item) => withoutUndeclaredFields(schema.items as TSchema, item));
  const properties = declared(schema);
  if (!properties || !isRecord(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (Object.hasOwn(properties, key)) kept[key] = withoutUndeclaredFields(properties[key]!, item);
  }
  return kept;
}

export interface MarkedField {
  /** JSON pointer without the leading slash, array items by index. */
  field: string;
  value: unknown;
  /** The keyword's value on the field's schema, e.g. 'KST' for `x-time-zone`. */
  mark: unknown;
}

/** The fields of `value` whose schema carries `keyword` (e.g. `x-time-zone`), at any depth. */
export function markedFields(schema: TSchema, value: unknown, keyword: string, at = ''): MarkedField[] {
  if (value === undefined) return [];
  if (schema[keyword] !== undefined) return [{ field: at, value, mark: schema[keyword] }];
  if (Array.isArray(value) && schema.items) return value.flatMap((item, index) => markedFields(schema.items as TSchema, item, keyword, join(at, String(index))));
  const properties = schema.properties as Record<string, TSchema> | undefined;
  if (!properties || !isRecord(value)) return [];
  return Object.entries(properties).flatMap(([key, property]) => markedFields(property, value[key], keyword, join(at, key)));
}

/**
 * Optional fields the schema declares that `value` leaves out (in a list: out of every item, its
 * items written as `*`). Not a difference from the catalog, but a platform that stopped sending a field
 * shows here.
 */
export function absentOptionalFields(schema: TSchema, value: unknown, at = ''): string[] {
  if (Array.isArray(value) && schema.items) {
    if (value.length === 0) return [];
    const perItem = value.map((item) => new Set(absentOptionalFields(schema.items as TSchema, item, join(at, '*'))));
    return [...perItem[0]!].filter((field) => perItem.every((absent) => absent.has(field)));
  }
  const properties = declared(schema);
  if (!properties || !isRecord(value)) return [];
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).flatMap(([key, property]) => {
    if (Object.hasOwn(value, key)) return absentOptionalFields(property, value[key], join(at, key));
    return required.has(key) ? [] : [join(at, key)];
  });
}
