/** serverless.yml, functions/ and the catalog must describe the same set of operations. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { OPERATIONS } from '../../lib/catalog';

const ROOT = path.resolve(__dirname, '../..');

interface ServerlessFunction {
  handler: string;
  events: Array<{ httpApi?: { method: string; path: string } }>;
}

const config = load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as { functions: Record<string, ServerlessFunction> };
const functionFiles = readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts'));
const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('catalog, functions/ and serverless.yml agree', () => {
  it('has one serverless function per catalog entry, and no other', () => {
    expect(Object.keys(config.functions).sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
  });

  it('has one function file per catalog entry, and no other', () => {
    expect(functionFiles.sort()).toEqual(OPERATIONS.map((op) => `${kebab(op.id)}.ts`).sort());
  });

  it.each(OPERATIONS.map((op) => [op.id, op] as const))('%s: route, handler and file match the catalog', (id, op) => {
    const fn = config.functions[id]!;
    expect(fn.handler).toBe(`functions/${kebab(id)}.handler`);
    expect(fn.events).toEqual([{ httpApi: { method: 'POST', path: op.path } }]);
    const source = readFileSync(path.join(ROOT, 'functions', `${kebab(id)}.ts`), 'utf8');
    expect(source).toContain(`export const handler = gatewayHandler(${id});`);
    expect(source).toContain(`from '../lib/catalog/operations/${kebab(id)}'`);
  });

  it('has unique ids, paths and numbers', () => {
    for (const key of ['id', 'path', 'n'] as const) {
      expect(new Set(OPERATIONS.map((op) => op[key])).size).toBe(OPERATIONS.length);
    }
  });
});
