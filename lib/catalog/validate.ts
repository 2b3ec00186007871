/**
 * Checks a value against a catalog schema with TypeBox and says which field broke which rule, in
 * the words a caller can act on. Compiled once per schema, on first use. This is the reference the
 * validators compiled at build time (lib/catalog/compiled/, scripts/compile-operation.ts) are held
 * to: same first violation, same list, same order (test/unit/compiled-validators.test.ts).
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { exactInteger, int64Rule, wireInteger, type SchemaCheck, type Violation } from './checks';
import { int64RangeOf, isInt64Schema } from './schema';

export type { Violation } from './checks';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** How a type error names the expected type (`type string`, `type object` …). */
export function typeName(schema: TSchema): string {
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return String(schema.type ?? schema[Kind]).toLowerCase();
}

function ruleOf(error: ValueError): string {
  const s = error.schema;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty: return 'required';
    case ValueErrorType.ObjectAdditionalProperties: return 'unknown field';
    case ValueErrorType.StringMinLength: return `minLength ${s.minLength}`;
    case ValueErrorType.StringMaxLength: return `maxLength ${s.maxLength}`;
    case ValueErrorType.StringPattern: return `pattern ${s.pattern}`;
    case ValueErrorType.StringFormat: return `format ${s.format}`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum: return `minimum ${s.minimum}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum: return `maximum ${s.maximum}`;
    case ValueErrorType.ArrayMaxItems: return `maxItems ${s.maxItems}`;
    case ValueErrorType.ArrayMinItems: return `minItems ${s.minItems}`;
    case ValueErrorType.Kind:
      if (isInt64Schema(s)) return int64Rule(error.value, int64RangeOf(s));
      if (s[Kind] === 'StringEnum') return `one of ${(s.enum as string[]).join('|')}`;
      return `type ${typeName(s)}`;
    default: return `type ${typeName(s)}`;
  }
}

/** The first violation, or undefined when the value conforms. */
export function firstViolation(schema: TSchema, value: unknown): Violation | undefined {
  return allViolations(schema, value, 1)[0];
}

/** Every violation (for answers a caller did not expect: logged, not thrown). */
export function allViolations(schema: TSchema, value: unknown, limit = 10): Violation[] {
  const check = checker(schema);
  if (check.Check(value)) return [];
  const out: Violation[] = [];
  for (const error of check.Errors(value)) {
    out.push({ field: error.path.replace(/^\//, ''), rule: ruleOf(error) });
    if (out.length >= limit) break;
  }
  // A value the check refuses is never reported as valid, even if no error could be named.
  return out.length > 0 ? out : [{ field: '', rule: 'invalid' }];
}

/**
 * Turns Int64 fields given as decimal strings into number (when safe) or bigint, so the wire
 * carries them as JSON numbers as the platform types them. Call after the value conformed.
 */
export function normalizeIntegers(schema: TSchema, value: unknown): unknown {
  if (isInt64Schema(schema)) {
    const int = exactInteger(value);
    return int === undefined ? value : wireInteger(int);
  }
  if (Array.isArray(value) && schema.items) return value.map((item) => normalizeIntegers(schema.items, item));
  if (value !== null && typeof value === 'object' && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const property = schema.properties[key] as TSchema | undefined;
      out[key] = property ? normalizeIntegers(property, item) : item;
    }
    return out;
  }
  return value;
}

/** The SchemaCheck of a TypeBox schema: what catalog entries carry (lib/catalog/types.ts defineOperation). */
export function schemaCheck(schema: TSchema): SchemaCheck {
  return {
    firstViolation: (value) => firstViolation(schema, value),
    allViolations: (value, limit) => allViolations(schema, value, limit),
    normalizeIntegers: (value) => normalizeIntegers(schema, value),
  };
}
