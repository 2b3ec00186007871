// `npm run validators`: compiles every catalog entry into lib/catalog/compiled/<file>.ts (scripts/compile-operation.ts).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../lib/catalog';
import { COMPILED_DIR, compiledOperationSource } from './compile-operation';
import { functionFileName } from './functions-block';

const dir = path.resolve(__dirname, '..', COMPILED_DIR);
mkdirSync(dir, { recursive: true });
const wanted = new Map(OPERATIONS.map((op) => [`${functionFileName(op)}.ts`, compiledOperationSource(op)]));
let changed = 0;
for (const [name, source] of wanted) {
  const file = path.join(dir, name);
  let before: string | undefined;
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    before = undefined;
  }
  if (before !== source) {
    writeFileSync(file, source);
    changed += 1;
  }
}
for (const name of readdirSync(dir)) {
  if (!wanted.has(name)) {
    rmSync(path.join(dir, name));
    changed += 1;
  }
}
console.log(`${COMPILED_DIR}: ${wanted.size} operations${changed ? `, ${changed} file(s) written or removed` : ' (unchanged)'}`);
