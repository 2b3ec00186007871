// `npm run generate`: writes every file generated from the catalog (scripts/generated-files.ts) and
// removes what no longer belongs in the folders it owns. Run it after changing the catalog, a
// sandbox behaviour's file, lib/errors.ts's table or bench/results.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './catalog-files';
import { generation, staleFiles } from './generated-files';

const planned = generation();
const texts = new Map(planned.files.map((file) => [file.path, file.text]));
const stale = staleFiles(planned);
for (const { path: file, problem } of stale) {
  const absolute = path.join(ROOT, file);
  const text = texts.get(file);
  if (text === undefined) {
    rmSync(absolute);
  } else {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  console.log(`${problem === 'not generated: remove it' ? 'removed' : 'wrote'} ${file}`);
}
console.log(`${planned.files.length} generated files${stale.length ? `, ${stale.length} written or removed` : ', all current'}`);
