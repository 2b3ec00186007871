/**
 * Business validation with the catalog's request schema, answered with the platform's
 * documented input codes: 000_003 missing, 000_015 wrong length of a fixed-length value,
 * 000_002 anything else; the description names the field (protocol.md §4.3; rules.ts
 * `requestSchema`). Fields the catalog does not declare are dropped first, not refused
 * (rules.ts `unknownRequestFields`): no page says the platform refuses them.
 */
import type { TSchema } from '@sinclair/typebox';
import { withoutUndeclaredFields } from '../../lib/catalog/declared-fields';
import type { Operation } from '../../lib/catalog/types';
import { firstViolation, type Violation } from '../../lib/catalog/validate';
import { reject } from './rejection';

/** The sub-schema and value a JSON pointer (without leading slash) names. */
function resolve(schema: TSchema | undefined, value: unknown, pointer: string): { schema: TSchema | undefined; value: unknown; parentRequired: boolean } {
  let parentRequired = true;
  for (const raw of pointer === '' ? [] : pointer.split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const parent = schema;
    const properties = parent?.properties as Record<string, TSchema> | undefined;
    schema = properties && Object.hasOwn(properties, key) ? properties[key] : (parent?.items as TSchema | undefined);
    parentRequired = Array.isArray(parent?.required) ? parent.required.includes(key) : false;
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return { schema, value, parentRequired };
}

function isFixedLengthString(schema: TSchema | undefined): boolean {
  return schema?.type === 'string' && typeof schema.minLength === 'number' && schema.minLength === schema.maxLength;
}

export function codeForViolation(request: TSchema, fields: unknown, violation: Violation): '000_002' | '000_003' | '000_015' {
  if (violation.rule === 'required') return '000_003';
  const at = resolve(request, fields, violation.field);
  // A Java platform binds null to "absent": a required field sent as null is reported missing.
  if (at.value === null && at.parentRequired) return '000_003';
  if (/^(min|max)Length /.test(violation.rule) && isFixedLengthString(at.schema) && typeof at.value === 'string') return '000_015';
  return '000_002';
}

const DESCRIPTION: Record<'000_002' | '000_003' | '000_015', string> = {
  '000_002': 'Invalid input parameter',
  '000_003': 'Missing required parameter',
  '000_015': 'Invalid parameter length',
};

/** The declared fields of a valid request; refuses an invalid one naming the field. */
export function validateInput(op: Operation, fields: Record<string, unknown>): Record<string, unknown> {
  const known = withoutUndeclaredFields(op.request, fields) as Record<string, unknown>;
  const violation = firstViolation(op.request, known);
  if (!violation) return known;
  const code = codeForViolation(op.request, known, violation);
  return reject(code, `${DESCRIPTION[code]}: ${violation.field || 'body'}`);
}
