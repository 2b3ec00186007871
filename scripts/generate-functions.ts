// `npm run functions`: rewrites the functions block of serverless.yml from the catalog.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../lib/catalog';
import { replaceFunctionsBlock } from './functions-block';

const file = path.resolve(__dirname, '..', 'serverless.yml');
const before = readFileSync(file, 'utf8');
const after = replaceFunctionsBlock(before, OPERATIONS);
if (after !== before) writeFileSync(file, after);
console.log(`serverless.yml: ${OPERATIONS.length} functions${after === before ? ' (unchanged)' : ''}`);
