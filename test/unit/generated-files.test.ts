/**
 * Everything generated from the catalog is current: the catalog's list, the compiled entries, the
 * functions, the sandbox's behaviour index, serverless.yml's functions block, docs/openapi.json, the
 * caller client's operations and error classes, and the README tables (scripts/generated-files.ts). A failure names each stale file; the fix is
 * always the one command. And the generator refuses a sandbox behaviour that breaks the naming
 * convention, saying what to write where.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Operation } from '../../lib/catalog/types';
import { CATALOG_DIR, CATALOG_INDEX, catalogEntries, checkBehaviours, GENERATE_COMMAND, operationFileName, ROOT } from '../../scripts/catalog-files';
import { generation, staleFiles } from '../../scripts/generated-files';

it(`every generated file is as \`${GENERATE_COMMAND}\` writes it`, () => {
  const stale = staleFiles(generation()).map(({ path: file, problem }) => `${file}: ${problem} (run \`${GENERATE_COMMAND}\`)`);
  expect(stale).toEqual([]);
});

it('reads one entry per catalog file, in the documentation order', () => {
  const entries = catalogEntries();
  const files = readdirSync(path.join(ROOT, CATALOG_DIR)).filter((name) => name.endsWith('.ts') && `${CATALOG_DIR}/${name}` !== CATALOG_INDEX);
  expect(entries.map((op) => `${operationFileName(op)}.ts`).sort()).toEqual(files.sort());
  expect(entries.map((op) => op.n)).toEqual([...entries.map((op) => op.n)].sort((a, b) => a - b));
  expect(new Set(entries.map((op) => op.id)).size).toBe(entries.length);
});

describe('the sandbox behaviour convention', () => {
  const op = { ...catalogEntries().find((entry) => entry.id === 'memberInfo')!, id: 'newOperation', group: 'card' } as Operation;
  let root: string;
  const behaviourModule = (source: string) => {
    mkdirSync(path.join(root, 'sandbox/behaviours/card'), { recursive: true });
    writeFileSync(path.join(root, 'sandbox/behaviours/card/new-operation.ts'), source);
  };
  const behaviourOf = (id: string) => `{ op: { id: '${id}', path: '/x', n: 1, request: {} }, run: async () => ({ ok: true, body: {} }) }`;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'behaviours-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses an operation without its behaviour file, naming the file and its export', () => {
    expect(() => checkBehaviours([op], root)).toThrow(
      'newOperation has no sandbox behaviour: write sandbox/behaviours/card/new-operation.ts exporting newOperationBehaviour = defineBehaviour(newOperation, …)',
    );
  });

  it('refuses a behaviour exported under another name', () => {
    behaviourModule(`export const newOperation = ${behaviourOf('newOperation')};\n`);
    expect(() => checkBehaviours([op], root)).toThrow('sandbox/behaviours/card/new-operation.ts must export one behaviour, named newOperationBehaviour; found newOperation');
  });

  it('refuses two behaviours in one file', () => {
    behaviourModule(`export const newOperationBehaviour = ${behaviourOf('newOperation')};\nexport const spare = ${behaviourOf('newOperation')};\n`);
    expect(() => checkBehaviours([op], root)).toThrow('must export one behaviour, named newOperationBehaviour; found newOperationBehaviour, spare');
  });

  it('refuses a behaviour that implements another operation', () => {
    behaviourModule(`export const newOperationBehaviour = ${behaviourOf('otherOperation')};\n`);
    expect(() => checkBehaviours([op], root)).toThrow('newOperationBehaviour implements otherOperation, not newOperation');
  });

  it('accepts the convention', () => {
    behaviourModule(`export const newOperationBehaviour = ${behaviourOf('newOperation')};\n`);
    expect(() => checkBehaviours([op], root)).not.toThrow();
  });
});
