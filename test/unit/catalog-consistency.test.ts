/** serverless.yml, functions/ and the catalog must describe the same set of operations. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { OPERATIONS } from '../../lib/catalog';
import { operationFileName } from '../../scripts/catalog-files';

const ROOT = path.resolve(__dirname, '../..');
const serverlessYml = readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');

interface ServerlessFunction {
  handler: string;
  events: Array<{ httpApi?: { method: string; path: string } }>;
}

const config = load(serverlessYml) as { functions: Record<string, ServerlessFunction> };
const functionFiles = readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts'));

describe('catalog, functions/ and serverless.yml agree', () => {
  it('serverless.yml lists exactly the catalog (its text is checked by test/unit/generated-files.test.ts)', () => {
    expect(Object.keys(config.functions).sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
  });

  it('has one function file per catalog entry, and no other', () => {
    expect(functionFiles.sort()).toEqual(OPERATIONS.map((op) => `${operationFileName(op)}.ts`).sort());
  });

  it.each(OPERATIONS.map((op) => [op.id, op] as const))('%s: route, handler and file match the catalog', (id, op) => {
    const fn = config.functions[id]!;
    expect(fn.handler).toBe(`functions/${operationFileName(op)}.handler`);
    expect(fn.events).toEqual([{ httpApi: { method: 'POST', path: op.path, authorizer: { type: 'aws_iam' } } }]);
    const source = readFileSync(path.join(ROOT, 'functions', `${operationFileName(op)}.ts`), 'utf8');
    // A money operation must carry its ledger, and only money operations bundle it.
    const money = op.kind === 'money';
    expect(source).toContain(`import { ${id} } from '../lib/catalog/compiled/${operationFileName(op)}';\n`);
    expect(source).toContain(`\nexport const handler = ${money ? 'moneyHandler' : 'gatewayHandler'}(${id});\n`);
    expect([id, source.includes("from '../lib/money/handler'")]).toEqual([id, money]);
    if (money) {
      const source = op.money!.outcome;
      expect((source.by === 'inquiry' ? source.inquiry : source.history).kind).toBe('read');
    }
  });

  it('has unique ids, paths and numbers', () => {
    for (const key of ['id', 'path', 'n'] as const) {
      expect(new Set(OPERATIONS.map((op) => op[key])).size).toBe(OPERATIONS.length);
    }
  });
});
