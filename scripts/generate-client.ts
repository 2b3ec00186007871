// `npm run client`: writes the generated part of the caller client from the catalog and the error table (scripts/client-source.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../lib/catalog';
import { CLIENT_ERRORS_FILE, CLIENT_OPERATIONS_FILE, clientErrorsSource, clientOperationsSource } from './client-source';

const root = path.resolve(__dirname, '..');
const wanted: Array<[string, string]> = [
  [CLIENT_OPERATIONS_FILE, clientOperationsSource(OPERATIONS)],
  [CLIENT_ERRORS_FILE, clientErrorsSource()],
];
for (const [file, source] of wanted) {
  const target = path.join(root, file);
  let before: string | undefined;
  try {
    before = readFileSync(target, 'utf8');
  } catch {
    before = undefined;
  }
  if (before !== source) writeFileSync(target, source);
  console.log(`${file}: ${before === source ? 'unchanged' : 'written'}`);
}
