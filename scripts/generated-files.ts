/**
 * Every file generated from the catalog (and the README figures from bench/results.json), as the
 * text each must hold, in the order they build on each other: the catalog's list first, then what
 * each function bundles, the functions, the sandbox's index, the deployment, the caller client,
 * the documents.
 * `npm run generate` (scripts/generate.ts) writes them; test/unit/generated-files.test.ts fails
 * naming any that is stale. A new generator adds its step to `generation()`, where its comment says.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkObservationFile, citationsFrom, type Citations } from '../lib/catalog/observations';
import type { Operation } from '../lib/catalog/types';
import { parseJson } from '../lib/protocol/json';
import { withBenchTables, withPerformanceTables, type BenchResults } from './bench-tables';
import {
  BEHAVIOURS_DIR, behaviourFile, behaviourName, CATALOG_DIR, CATALOG_INDEX, catalogEntries, checkBehaviours, generatedHeader,
  operationFileName, ROOT,
} from './catalog-files';
import { CLIENT_ERRORS_FILE, CLIENT_OPERATIONS_FILE, clientErrorsSource, clientOperationsSource } from './client-source';
import { COMPILED_CALLBACKS, compiledCallbacksSource } from './compile-callbacks';
import { COMPILED_DIR, compiledOperationSource } from './compile-operation';
import { replaceFunctionsBlock } from './functions-block';
import { openApiText } from './openapi-document';
import { replaceBetween, withTables } from './readme-tables';
import { SERVICE_FUNCTIONS, type ServiceFunction } from './service-functions';
import { strictnessTable } from './strictness-table';

export interface GeneratedFile {
  /** From the repository root. */
  path: string;
  text: string;
}

export interface Generation {
  files: GeneratedFile[];
  /** Folders whose every file is generated: any other file there is stale. */
  ownedDirs: string[];
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function catalogIndex(operations: readonly Operation[]): GeneratedFile {
  const byName = [...operations].sort((a, b) => a.id.localeCompare(b.id));
  return {
    path: CATALOG_INDEX,
    text: [
      generatedHeader(`${CATALOG_DIR}/*.ts`),
      "import type { Operation } from '../types';",
      ...byName.map((op) => `import { ${op.id} } from './${operationFileName(op)}';`),
      '',
      'export {',
      ...byName.map((op) => `  ${op.id},`),
      '};',
      '',
      "/** Every operation, in the platform documentation's order. */",
      'export const OPERATIONS: readonly Operation[] = [',
      ...operations.map((op) => `  ${op.id},`),
      '];',
      '',
    ].join('\n'),
  };
}

/** A function is its compiled entry and the handler of its kind: money operations carry the ledger, nothing else does. */
function functionFile(op: Operation): GeneratedFile {
  const file = operationFileName(op);
  const [handler, from] = op.kind === 'money' ? ['moneyHandler', '../lib/money/handler'] : ['gatewayHandler', '../lib/gateway-handler'];
  return {
    path: `functions/${file}.ts`,
    text: [
      generatedHeader(`${CATALOG_DIR}/${file}.ts`),
      `import { ${op.id} } from '../lib/catalog/compiled/${file}';`,
      `import { ${handler} } from '${from}';`,
      '',
      `export const handler = ${handler}(${op.id});`,
      '',
    ].join('\n'),
  };
}

/** A function that is not an operation: its handler factory, called once per container. */
function serviceFunctionFile(fn: ServiceFunction): GeneratedFile {
  return {
    path: `functions/${fn.file}.ts`,
    text: [
      generatedHeader('scripts/service-functions.ts'),
      `import { ${fn.handler.factory} } from '${fn.handler.from}';`,
      '',
      `export const handler = ${fn.handler.factory}();`,
      '',
    ].join('\n'),
  };
}

function behaviourIndex(operations: readonly Operation[]): GeneratedFile {
  checkBehaviours(operations);
  const importPath = (op: Operation) => `./${path.relative(BEHAVIOURS_DIR, behaviourFile(op)).replace(/\.ts$/, '')}`;
  const byFile = [...operations].sort((a, b) => importPath(a).localeCompare(importPath(b)));
  return {
    path: `${BEHAVIOURS_DIR}/index.ts`,
    text: [
      generatedHeader(`the catalog and ${BEHAVIOURS_DIR}/<group>/<operation>.ts`),
      "import type { Behaviour } from './behaviour';",
      ...byFile.map((op) => `import { ${behaviourName(op)} } from '${importPath(op)}';`),
      '',
      "/** In the platform documentation's order. */",
      'const ALL: readonly Behaviour[] = [',
      ...operations.map((op) => `  ${behaviourName(op)},`),
      '];',
      '',
      '/** Every operation the sandbox implements, by catalog op.id. */',
      'export const BEHAVIOURS: ReadonlyMap<string, Behaviour> = new Map(ALL.map((behaviour) => [behaviour.op.id, behaviour]));',
      '',
      "export type { Behaviour, BehaviourContext, Outcome } from './behaviour';",
      '',
    ].join('\n'),
  };
}

/** Where conformance runs' observation files are committed (lib/catalog/observations.ts). */
export const OBSERVATIONS_DIR = 'docs/observations';

/** What the committed observation files let the catalog cite; a file that cannot be evidence stops the generation. */
function observationCitations(): Citations {
  const dir = path.join(ROOT, OBSERVATIONS_DIR);
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => {
    const file = `${OBSERVATIONS_DIR}/${name}`;
    let value: unknown;
    try {
      value = parseJson(read(file));
    } catch {
      throw new Error(`${file}: not JSON`);
    }
    return { file, observations: checkObservationFile(value, file) };
  });
  return citationsFrom(files);
}

function observedModule(citations: Citations): GeneratedFile {
  return {
    path: 'lib/catalog/observed.ts',
    text: [
      generatedHeader(`${OBSERVATIONS_DIR}/*.json`),
      "import type { Citations } from './observations';",
      '',
      '/** By op id: the parts conformance runs saw as the catalog says, and those they saw differ (lib/catalog/observations.ts). */',
      `export const OBSERVED: Citations = ${JSON.stringify(citations, null, 2)};`,
      '',
    ].join('\n'),
  };
}

export function generation(): Generation {
  const operations = catalogEntries();
  const citations = observationCitations();
  const bench = JSON.parse(read('bench/results.json')) as BenchResults;
  const files: GeneratedFile[] = [
    catalogIndex(operations),
    ...operations.map((op) => ({ path: `${COMPILED_DIR}/${operationFileName(op)}.ts`, text: compiledOperationSource(op) })),
    ...operations.map(functionFile),
    { path: COMPILED_CALLBACKS, text: compiledCallbacksSource() },
    ...SERVICE_FUNCTIONS.map(serviceFunctionFile),
    behaviourIndex(operations),
    { path: 'sandbox/README.md', text: replaceBetween(read('sandbox/README.md'), 'strictness-table', strictnessTable()) },
    { path: 'serverless.yml', text: replaceFunctionsBlock(read('serverless.yml'), operations) },
    observedModule(citations),
    { path: 'docs/openapi.json', text: openApiText(operations, citations) },
    { path: CLIENT_OPERATIONS_FILE, text: clientOperationsSource(operations) },
    { path: CLIENT_ERRORS_FILE, text: clientErrorsSource() },
    { path: 'README.md', text: withPerformanceTables(withTables(read('README.md'), operations, citations), bench) },
    { path: 'bench/README.md', text: withBenchTables(read('bench/README.md'), bench) },
    // A new generator adds its files here, after what it reads, and the folder it writes whole to
    // `ownedDirs`.
  ];
  return { files, ownedDirs: [COMPILED_DIR, 'functions'] };
}

export type Staleness = { path: string; problem: 'missing' | 'differs' | 'not generated: remove it' };

/** What is not as `npm run generate` would leave it. */
export function staleFiles({ files, ownedDirs }: Generation): Staleness[] {
  const stale: Staleness[] = [];
  for (const file of files) {
    const absolute = path.join(ROOT, file.path);
    if (!existsSync(absolute)) stale.push({ path: file.path, problem: 'missing' });
    else if (readFileSync(absolute, 'utf8') !== file.text) stale.push({ path: file.path, problem: 'differs' });
  }
  const wanted = new Set(files.map((file) => file.path));
  for (const dir of ownedDirs) {
    for (const name of readdirSync(path.join(ROOT, dir))) {
      if (!wanted.has(`${dir}/${name}`)) stale.push({ path: `${dir}/${name}`, problem: 'not generated: remove it' });
    }
  }
  return stale;
}
