/**
 * The validators compiled at build time (lib/catalog/compiled/, what each function bundles instead
 * of TypeBox) carry the catalog's run-time facts, and agree with TypeBox's checks
 * (lib/catalog/validate.ts) on the fuzz corpus: same first violation (field and rule), the same
 * list in the same order, the same valid/invalid verdict, the same Int64 normalisation.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { TSchema } from '@sinclair/typebox';
import { OPERATIONS, type GatewayOperation, type Operation } from '../../lib/catalog';
import { allViolations, firstViolation, normalizeIntegers } from '../../lib/catalog/validate';
import { COMPILED_DIR } from '../../scripts/compile-operation';
import { operationFileName } from '../../scripts/catalog-files';
import { sampleOf } from '../../scripts/openapi-document';
import { invalidRequests } from '../support/invalid-inputs';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const seed = Number(process.env.FUZZ_SEED ?? 20261125);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiledOf = (op: Operation) => (require(`../../${COMPILED_DIR}/${operationFileName(op)}`) as Record<string, GatewayOperation>)[op.id]!;

/** A valid value with every optional field present too, so the corpus breaks those as well. */
function fullSample(schema: TSchema): unknown {
  if (schema.type === 'object' && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(schema.properties as Record<string, TSchema>)) out[name] = fullSample(sub);
    return out;
  }
  if (schema.type === 'array' && schema.items) return [fullSample(schema.items as TSchema)];
  return sampleOf(schema);
}

/** The fuzz test's invalid inputs on both bases, a few values of any JSON shape, and the bases themselves. */
function corpus(schema: TSchema): unknown[] {
  const bases = [sampleOf(schema), fullSample(schema)] as Array<Record<string, unknown>>;
  const values: unknown[] = [...bases, {}, [], null];
  for (const [i, base] of bases.entries()) {
    values.push(...fc.sample(invalidRequests(schema, base), { numRuns: RUNS, seed: seed + i }).map((broken) => broken.value));
    const keys = Object.keys(base);
    if (keys.length > 0) {
      const anyField = fc.record({ key: fc.constantFrom(...keys), value: fc.jsonValue() }).map(({ key, value }) => ({ ...base, [key]: value }));
      values.push(...fc.sample(anyField, { numRuns: 50, seed: seed + 10 + i }));
    }
  }
  values.push(...fc.sample(fc.jsonValue(), { numRuns: 30, seed }));
  return values;
}

it('lib/catalog/compiled/ holds one entry per operation (their text is checked by test/unit/generated-files.test.ts)', () => {
  const files = readdirSync(path.join(ROOT, COMPILED_DIR)).sort();
  expect(files).toEqual(OPERATIONS.map((op) => `${operationFileName(op)}.ts`).sort());
});

/** How a money operation learns a lost outcome, with the read it calls named by its facts. */
function outcomeFacts(source: NonNullable<GatewayOperation['money']>['outcome']) {
  const read = source.by === 'inquiry' ? source.inquiry : source.history;
  return { ...source, [source.by === 'inquiry' ? 'inquiry' : 'history']: { id: read.id, path: read.path, kind: read.kind } };
}

describe.each(OPERATIONS.map((op) => [op.id, op] as const))('%s', (_id, op) => {
  const compiled = compiledOf(op);

  it('carries the catalog entry\'s run-time facts', () => {
    const facts = (o: GatewayOperation) => ({
      id: o.id, path: o.path, version: o.version, encrypted: o.encrypted, kind: o.kind, resultCodes: o.resultCodes,
      timeoutMs: o.timeoutMs, money: o.money && { ...o.money, outcome: outcomeFacts(o.money.outcome) },
    });
    expect(facts(compiled)).toEqual(facts(op));
  });

  it.each([['request'], ['response']] as const)('%s: agrees with TypeBox on the fuzz corpus', (side) => {
    const schema = op[side];
    const check = compiled.checks[side];
    let invalid = 0;
    for (const value of corpus(schema)) {
      const expected = allViolations(schema, value);
      expect({ value, violations: check.allViolations(value) }).toEqual({ value, violations: expected });
      expect({ value, first: check.firstViolation(value) }).toEqual({ value, first: firstViolation(schema, value) });
      if (expected.length === 0) {
        expect({ value, normalized: check.normalizeIntegers(value) }).toEqual({ value, normalized: normalizeIntegers(schema, value) });
      } else {
        invalid += 1;
      }
    }
    // The corpus is mostly broken values: a check that accepted everything could not pass.
    expect(invalid).toBeGreaterThan(RUNS);
  });
});

it('names fields and rules exactly as the catalog tests expect', () => {
  const bankAccountInquiry = compiledOf(OPERATIONS.find((op) => op.id === 'bankAccountInquiry')!);
  expect(bankAccountInquiry.checks.request.firstViolation({ userId: 1000000000000000 })).toEqual({ field: 'userId', rule: 'maximum 999999999999999' });
  expect(bankAccountInquiry.checks.request.firstViolation({ userId: 2 ** 53 + 2 })?.rule).toBe('integer beyond 2^53 must be sent as a decimal string (range 1..999999999999999)');
  expect(bankAccountInquiry.checks.request.allViolations({ extra: 1 })).toEqual([
    { field: 'userId', rule: 'required' },
    { field: 'extra', rule: 'unknown field' },
    { field: 'userId', rule: 'type integer (range 1..999999999999999)' },
  ]);
  const memberInfo = compiledOf(OPERATIONS.find((op) => op.id === 'memberInfo')!);
  expect(memberInfo.checks.request.normalizeIntegers({ userId: '9223372036854775807' })).toEqual({ userId: 9223372036854775807n });
  expect(memberInfo.checks.request.firstViolation({ userId: 1, 'a/b~': 1 })).toEqual({ field: 'a~1b~0', rule: 'unknown field' });
});
