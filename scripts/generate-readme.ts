// `npm run readme`: rewrites the README's operations and error tables from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../lib/catalog';
import { withTables } from './readme-tables';

const file = path.resolve(__dirname, '..', 'README.md');
const before = readFileSync(file, 'utf8');
const after = withTables(before, OPERATIONS);
if (after !== before) writeFileSync(file, after);
console.log(`README.md tables: ${OPERATIONS.length} operations${after === before ? ' (unchanged)' : ''}`);
