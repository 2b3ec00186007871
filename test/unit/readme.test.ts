/** The README's error table is ERROR_TABLE; callers code against it, so it must not drift. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_TABLE } from '../../lib/errors';

it('README error table lists every kind with its status and type', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.split('<!-- error-table:start')[1]!.split('<!-- error-table:end -->')[0]!;
  const rows = section.split('\n').filter((line) => /^\| [a-z_]+ \| \d{3} \|/.test(line));
  const expected = Object.entries(ERROR_TABLE).map(([kind, row]) => `| ${kind} | ${row.status} | ${row.name} | ${row.meaning} |`);
  expect(rows).toEqual(expected);
});
