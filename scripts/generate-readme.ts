// `npm run readme`: rewrites the README's operations and error tables from the code, and the
// performance figures in README.md and bench/README.md from bench/results.json (after `npm run bench`).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../lib/catalog';
import { withBenchTables, withPerformanceTables, type BenchResults } from './bench-tables';
import { withTables } from './readme-tables';

const root = path.resolve(__dirname, '..');
const results = JSON.parse(readFileSync(path.join(root, 'bench/results.json'), 'utf8')) as BenchResults;

function rewrite(file: string, update: (text: string) => string): boolean {
  const before = readFileSync(path.join(root, file), 'utf8');
  const after = update(before);
  if (after !== before) writeFileSync(path.join(root, file), after);
  return after !== before;
}

const readme = rewrite('README.md', (text) => withPerformanceTables(withTables(text, OPERATIONS), results));
const bench = rewrite('bench/README.md', (text) => withBenchTables(text, results));
console.log(`README.md: ${OPERATIONS.length} operations, bench figures of ${results.generatedAt}${readme ? '' : ' (unchanged)'}; bench/README.md${bench ? '' : ' (unchanged)'}`);
