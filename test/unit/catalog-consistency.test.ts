/**
 * serverless.yml, functions/ and the catalog must describe the same set of operations, plus the
 * functions that are not operations (scripts/service-functions.ts), and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { OPERATIONS } from '../../lib/catalog';
import { operationFileName } from '../../scripts/catalog-files';
import { SERVICE_FUNCTIONS } from '../../scripts/service-functions';

const ROOT = path.resolve(__dirname, '../..');
const serverlessYml = readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');

interface ServerlessFunction {
  handler: string;
  role: string;
  events: Array<{ httpApi?: { method: string; path: string; authorizer?: unknown } }>;
}

const config = load(serverlessYml) as { functions: Record<string, ServerlessFunction> };
const functionFiles = readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts'));

describe('catalog, functions/ and serverless.yml agree', () => {
  it('serverless.yml lists exactly the catalog and the service functions (its text is checked by test/unit/generated-files.test.ts)', () => {
    expect(Object.keys(config.functions).sort()).toEqual([...OPERATIONS.map((op) => op.id), ...SERVICE_FUNCTIONS.map((fn) => fn.key)].sort());
  });

  it('has one function file per catalog entry and service function, and no other', () => {
    expect(functionFiles.sort()).toEqual([...OPERATIONS.map((op) => `${operationFileName(op)}.ts`), ...SERVICE_FUNCTIONS.map((fn) => `${fn.file}.ts`)].sort());
  });

  it('routes without IAM authorization only the service functions declared public, each with its own role', () => {
    const open = Object.entries(config.functions).filter(([, fn]) => fn.events.some((event) => event.httpApi && event.httpApi.authorizer === undefined));
    expect(open.map(([key, fn]) => [key, fn.role, fn.events])).toEqual(SERVICE_FUNCTIONS.filter((fn) => fn.trigger.kind === 'public-http').map((fn) => [
      fn.key, fn.role, [{ httpApi: { method: fn.trigger.method, path: fn.trigger.path } }],
    ]));
    expect(open.map(([, fn]) => fn.role)).not.toContain('GatewayFunctionRole');
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
    if (money) expect(op.outcomeInquiry?.kind).toBe('read');
  });

  it('has unique ids, paths and numbers', () => {
    for (const key of ['id', 'path', 'n'] as const) {
      expect(new Set(OPERATIONS.map((op) => op[key])).size).toBe(OPERATIONS.length);
    }
  });
});
