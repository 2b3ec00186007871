// `npm run generate`: writes every file generated from the catalog (scripts/generated-files.ts) and
// removes what no longer belongs in the folders it owns. Run it after changing the catalog, a
// sandbox behaviour's file, lib/errors.ts's table or bench/results.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './catalog-files';
import { generation, staleFiles, type Generation } from './generated-files';

let planned: Generation;
try {
  planned = generation();
} catch (error) {
  // A tree that breaks the conventions (a missing behaviour, a misnamed file): the message says what to do.
  console.error(`npm run generate: ${(error as Error).message}`);
  process.exit(1);
}
const texts = new Map(planned.files.map((file) => [file.path, file.text]));
const stale = staleFiles(planned);
for (const { path: file } of stale) {
  const absolute = path.join(ROOT, file);
  const text = texts.get(file);
  if (text === undefined) {
    rmSync(absolute);
    console.log(`removed ${file}`);
  } else {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    console.log(`wrote ${file}`);
  }
}
console.log(`${planned.files.length} generated files${stale.length ? `, ${stale.length} written or removed` : ', all current'}`);
