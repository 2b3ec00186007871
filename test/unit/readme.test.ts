/** The README's operations and error tables restate the catalog and ERROR_TABLE: they must not drift. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../../lib/catalog';
import { ERROR_TABLE } from '../../lib/errors';
import { withBenchTables, withPerformanceTables, type BenchResults } from '../../scripts/bench-tables';
import { withTables } from '../../scripts/readme-tables';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

it('README tables are current (run `npm run readme`)', () => {
  expect(readme).toBe(withTables(readme, OPERATIONS));
});

it('README lists every error kind with its status and type, and every operation', () => {
  for (const row of Object.values(ERROR_TABLE)) expect(readme).toContain(`| ${row.status} | ${row.name} |`);
  for (const op of OPERATIONS) expect(readme).toContain(`\`POST ${op.path}\``);
});

it('the performance figures in README.md and bench/README.md are those of bench/results.json (run `npm run readme` after `npm run bench`)', () => {
  const results = JSON.parse(readFileSync(path.resolve(__dirname, '../../bench/results.json'), 'utf8')) as BenchResults;
  const benchReadme = readFileSync(path.resolve(__dirname, '../../bench/README.md'), 'utf8');
  expect(readme).toBe(withPerformanceTables(readme, results));
  expect(benchReadme).toBe(withBenchTables(benchReadme, results));
  for (const goal of results.goals) expect(readme).toContain(`| ${goal.goal} | ${goal.issue} | ${goal.against} |`);
});
