/** The README's operations and error tables restate the catalog and ERROR_TABLE: they must not drift. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../../lib/catalog';
import { ERROR_TABLE } from '../../lib/errors';
import { withTables } from '../../scripts/readme-tables';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

it('README tables are current (run `npm run readme`)', () => {
  expect(readme).toBe(withTables(readme, OPERATIONS));
});

it('README lists every error kind with its status and type, and every operation', () => {
  for (const row of Object.values(ERROR_TABLE)) expect(readme).toContain(`| ${row.status} | ${row.name} |`);
  for (const op of OPERATIONS) expect(readme).toContain(`\`POST ${op.path}\``);
});
