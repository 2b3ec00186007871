/** The README's operations and error tables restate the catalog and ERROR_TABLE (generated: test/unit/generated-files.test.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../../lib/catalog';
import { ERROR_TABLE } from '../../lib/errors';
import type { BenchResults } from '../../scripts/bench-tables';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

it('README lists every error kind with its status and type, and every operation', () => {
  for (const row of Object.values(ERROR_TABLE)) expect(readme).toContain(`| ${row.status} | ${row.name} |`);
  for (const op of OPERATIONS) expect(readme).toContain(`\`POST ${op.path}\``);
});

it('README.md states every goal of bench/results.json (its figures are checked by test/unit/generated-files.test.ts)', () => {
  const results = JSON.parse(readFileSync(path.resolve(__dirname, '../../bench/results.json'), 'utf8')) as BenchResults;
  for (const goal of results.goals) expect(readme).toContain(`| ${goal.goal} | ${goal.issue} | ${goal.against} |`);
});
