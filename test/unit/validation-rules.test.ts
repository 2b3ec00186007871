/**
 * The validation rules both checkers share (lib/catalog/checks.ts: what the functions run, compiled at
 * build time; lib/catalog/validate.ts: TypeBox, for the sandbox, the tests and the OpenAPI side), at
 * their edges: the integer forms a 19-digit id may take, the 2^53 line, the bounds themselves, real
 * calendar dates, how many violations are reported, and each rule's wording on schemas the catalog
 * does not use yet. compiled-validators.test.ts holds the two to each other on a fuzz corpus; what
 * both compute alike is pinned here.
 */
import { Type as TypeBoxType } from '@sinclair/typebox';
import { memberInfo, userRegister } from '../../lib/catalog';
import {
  checkArrayLength, checkInteger, checkString, compiledCheck, exactInteger, int64Conforms, int64Range, int64Rule, isDate8, normalizeByShape, Violations, wireInteger,
} from '../../lib/catalog/checks';
import { Int64, StringEnum, Type } from '../../lib/catalog/schema';
import { allViolations, firstViolation, normalizeIntegers, schemaCheck, typeName } from '../../lib/catalog/validate';

const MAX_SAFE = 2 ** 53 - 1;

describe('an integer', () => {
  it.each([
    [12n, 12n],
    [-7, -7n],
    [MAX_SAFE, BigInt(MAX_SAFE)],
    ['9223372036854775807', 9223372036854775807n],
    ['-12', -12n],
    ['99999999999999999999', 99999999999999999999n],
  ])('is exactly that integer: case %#', (value, expected) => {
    expect(exactInteger(value)).toBe(expected);
  });

  it.each([
    ['a number beyond 2^53 (digits already lost)', 2 ** 53],
    ['a fraction', 1.5],
    ['a string with a letter after the digits', '12a'],
    ['a string with a letter before the digits', 'a12'],
    ['a string of 21 digits', '1'.repeat(21)],
    ['an empty string', ''],
    ['a decimal string with a fraction', '1.0'],
    ['null', null],
    ['a boolean', true],
    ['an array holding one decimal string', ['12']],
  ])('is not %s', (_what, value) => {
    expect(exactInteger(value)).toBeUndefined();
  });

  it('goes on the wire as a JSON number up to ±(2^53 − 1), as bigint beyond', () => {
    expect(wireInteger(BigInt(MAX_SAFE))).toBe(MAX_SAFE);
    expect(wireInteger(BigInt(-MAX_SAFE))).toBe(-MAX_SAFE);
    expect(wireInteger(BigInt(MAX_SAFE) + 1n)).toBe(2n ** 53n);
    expect(wireInteger(-(BigInt(MAX_SAFE) + 1n))).toBe(-(2n ** 53n));
  });
});

describe('an Int64 field', () => {
  const range = int64Range('1', '9999999999999999999');

  it('accepts both of its bounds and refuses one beyond either', () => {
    expect(int64Conforms(1, range)).toBe(true);
    expect(int64Conforms('9999999999999999999', range)).toBe(true);
    expect(int64Conforms(0, range)).toBe(false);
    expect(int64Conforms('10000000000000000000', range)).toBe(false);
    expect(int64Conforms('x', range)).toBe(false);
  });

  it('says which rule a value broke', () => {
    expect(int64Rule(0, range)).toBe('minimum 1');
    expect(int64Rule('10000000000000000000', range)).toBe('maximum 9999999999999999999');
    expect(int64Rule(2 ** 53, range)).toBe('integer beyond 2^53 must be sent as a decimal string (range 1..9999999999999999999)');
    expect(int64Rule(1.5, range)).toBe('type integer (range 1..9999999999999999999)');
    expect(int64Rule('1e3', range)).toBe('type integer (range 1..9999999999999999999)');
  });

  it('is normalised only where the schema has one, whatever else the value holds', () => {
    const request = { userId: '9223372036854775807', note: '12', nested: { userId: '5' } };
    expect(memberInfo.checks.request.normalizeIntegers(request)).toEqual({ userId: 9223372036854775807n, note: '12', nested: { userId: '5' } });
    expect(normalizeByShape({ ids: [1] }, { ids: ['1', '2'], other: ['3'] })).toEqual({ ids: [1, 2], other: ['3'] });
    expect(normalizeByShape({ ids: [1] }, { ids: '7' })).toEqual({ ids: '7' });
    expect(normalizeByShape({ id: 1 }, '7')).toBe('7');
    expect(normalizeByShape(1, 'x')).toBe('x');
  });

  it('is normalised the same by TypeBox\'s side, in arrays and nested objects', () => {
    const schema = Type.Object({ ids: Type.Array(Int64({ minimum: 1n, maximum: 9999999999999999999n })), inner: Type.Object({ id: Int64({ minimum: 1n, maximum: 9n }) }) });
    expect(normalizeIntegers(schema, { ids: ['1', '9223372036854775807'], inner: { id: '3' }, other: '4' }))
      .toEqual({ ids: [1, 9223372036854775807n], inner: { id: 3 }, other: '4' });
    expect(normalizeIntegers(schema, 'x')).toBe('x');
    expect(schemaCheck(schema).normalizeIntegers({ ids: ['2'] })).toEqual({ ids: [2] });
  });
});

describe('a date8 field', () => {
  it.each(['20240229', '19000101', '20251231'])('accepts the calendar date %s', (value) => {
    expect(isDate8(value)).toBe(true);
  });

  // 00990101: Date.UTC reads years 0–99 as 1900–1999; the year 0099 is no date the platform means.
  it.each(['20230229', '20251301', '20250100', '20250431', '00990101', '2025010', '202501011', 'x20250101', '20250101x', '2025-1-01'])('refuses %s', (value) => {
    expect(isDate8(value)).toBe(false);
  });
});

describe('violations', () => {
  const broken = { nickname: 1, extra: 2, more: 3 };

  it('are reported up to the limit asked for, in the same order by both checkers', () => {
    const compiled = userRegister.checks.request.allViolations(broken, 2);
    expect(compiled).toHaveLength(2);
    expect(compiled).toEqual(allViolations(userRegister.request, broken, 2));
    expect(userRegister.checks.request.allViolations(broken)).toHaveLength(10);
    expect(allViolations(userRegister.request, broken)).toHaveLength(10);
  });

  it('stop at the first when one is asked for', () => {
    const seen: string[] = [];
    const check = compiledCheck((_value, out) => {
      for (const field of ['a', 'b']) {
        seen.push(field);
        if (out.add(field, 'required')) return;
      }
    });
    expect(check.firstViolation({})).toEqual({ field: 'a', rule: 'required' });
    expect(seen).toEqual(['a']);
    expect(check.normalizeIntegers('12')).toBe('12');
  });

  it('say when the limit is reached', () => {
    const out = new Violations(2);
    expect(out.add('a', 'required')).toBe(false);
    expect(out.add('b', 'required')).toBe(true);
  });

  it('name a valid value by none, and an invalid one by at least one', () => {
    expect(allViolations(memberInfo.request, { userId: 1 })).toEqual([]);
    expect(schemaCheck(memberInfo.request).firstViolation({ userId: 0 })).toEqual({ field: 'userId', rule: 'minimum 1' });
    expect(schemaCheck(memberInfo.request).allViolations({ userId: 0 }, 1)).toEqual([{ field: 'userId', rule: 'minimum 1' }]);
  });
});

describe('the compiled validators\' helpers', () => {
  it('stop a string\'s checks at the limit: too long and off its pattern, with room for one, names only the first', () => {
    const out = new Violations(1);
    expect(checkString(out, 'abc', 'f', undefined, 2, '^[0-9]+$')).toBe(true);
    expect(out.list).toEqual([{ field: 'f', rule: 'maxLength 2' }]);
  });

  it('hold an integer to its maximum inclusively, and stop at the limit', () => {
    const none = new Violations(10);
    expect(checkInteger(none, 5, 'n', 1, 5)).toBe(false);
    expect(none.list).toEqual([]);
    const one = new Violations(1);
    expect(checkInteger(one, 6, 'n', 7, 5)).toBe(true);
    expect(one.list).toEqual([{ field: 'n', rule: 'maximum 5' }]);
  });

  it('normalise Int64 fields by the schema\'s shape, and leave a value alone when the schema has none', () => {
    const visit = () => undefined;
    expect(compiledCheck(visit, { id: 1 }).normalizeIntegers({ id: '12', name: '34' })).toEqual({ id: 12, name: '34' });
    const value = { id: '12' };
    expect(compiledCheck(visit).normalizeIntegers(value)).toBe(value);
  });

  it('hold an array to its bounds inclusively, and say when the limit is reached', () => {
    const none = new Violations(10);
    expect(checkArrayLength(none, ['a', 'b'], 'a', 2, 2)).toBe(false);
    expect(checkArrayLength(none, ['a', 'b'], 'a')).toBe(false);
    expect(none.list).toEqual([]);
    const one = new Violations(1);
    expect(checkArrayLength(one, [], 'a', 1, 3)).toBe(true);
    expect(one.list).toEqual([{ field: 'a', rule: 'minItems 1' }]);
  });
});

describe('TypeBox\'s wording of each rule', () => {
  it.each([
    ['a number below its minimum', TypeBoxType.Number({ minimum: 2 }), 1, 'minimum 2'],
    ['a number above its maximum', TypeBoxType.Number({ maximum: 2 }), 3, 'maximum 2'],
    ['an integer below its minimum', TypeBoxType.Integer({ minimum: 2 }), 1, 'minimum 2'],
    ['an integer above its maximum', TypeBoxType.Integer({ maximum: 2 }), 3, 'maximum 2'],
    ['an array too long', TypeBoxType.Array(TypeBoxType.String(), { maxItems: 1 }), ['a', 'b'], 'maxItems 1'],
    ['an array too short', TypeBoxType.Array(TypeBoxType.String(), { minItems: 1 }), [], 'minItems 1'],
    ['a string too short', TypeBoxType.String({ minLength: 2 }), 'a', 'minLength 2'],
    ['a string too long', TypeBoxType.String({ maxLength: 1 }), 'ab', 'maxLength 1'],
    ['a string off its pattern', TypeBoxType.String({ pattern: '^[0-9]+$' }), 'a', 'pattern ^[0-9]+$'],
    ['a string off its format', TypeBoxType.String({ format: 'date8' }), '20231301', 'format date8'],
    ['a boolean of another type', TypeBoxType.Boolean(), 'true', 'type boolean'],
    ['a value outside its enumeration', StringEnum(['ACTIVE', 'SUSPENDED']), 'CLOSED', 'one of ACTIVE|SUSPENDED'],
  ])('%s', (_what, schema, value, rule) => {
    expect(firstViolation(schema, value)).toEqual({ field: '', rule });
  });

  it('names a field by its path without the leading slash', () => {
    const schema = TypeBoxType.Object({ a: TypeBoxType.Object({ b: TypeBoxType.String() }) });
    expect(firstViolation(schema, { a: { b: 1 } })).toEqual({ field: 'a/b', rule: 'type string' });
  });

  it('names a type by its JSON Schema type, or its kind when it has none', () => {
    expect(typeName(TypeBoxType.String())).toBe('string');
    expect(typeName(TypeBoxType.Unsafe({ type: ['integer', 'string'] }))).toBe('integer or string');
    expect(typeName(TypeBoxType.Any())).toBe('any');
  });
});
