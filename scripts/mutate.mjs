#!/usr/bin/env node
/**
 * `npm run mutate [-- part… ] [-- --force]`: Stryker over each part of scripts/stryker/parts.mjs in
 * turn (all of them unless parts are named), each with its own report and incremental file under
 * .local/mutation/, then the per-file score check (scripts/mutation-scores.mjs) over every part's
 * report. Prints how long each part took.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { MUTATION_PARTS } from './stryker/parts.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith('--'));
const passed = args.filter((arg) => arg.startsWith('--'));
const unknown = named.filter((part) => !(part in MUTATION_PARTS));
if (unknown.length > 0) {
  console.error(`unknown part(s): ${unknown.join(', ')}; the parts: ${Object.keys(MUTATION_PARTS).join(', ')}`);
  process.exit(2);
}

const stryker = path.join(ROOT, 'node_modules/.bin/stryker');
const timings = [];
for (const part of named.length > 0 ? named : Object.keys(MUTATION_PARTS)) {
  const started = Date.now();
  console.log(`\n=== mutation testing: ${part} (${MUTATION_PARTS[part].join(' ')})`);
  const run = spawnSync(stryker, ['run', ...passed], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, MUTATION_PART: part } });
  timings.push(`${part}: ${((Date.now() - started) / 60000).toFixed(1)} min`);
  if (run.status !== 0) {
    console.error(`stryker failed on part ${part} (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
console.log(`\ntime: ${timings.join(', ')}`);
const scores = spawnSync(process.execPath, [path.join(ROOT, 'scripts/mutation-scores.mjs')], { cwd: ROOT, stdio: 'inherit' });
process.exit(scores.status ?? 1);
