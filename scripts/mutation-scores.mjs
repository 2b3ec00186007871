#!/usr/bin/env node
/**
 * After `stryker run` (npm run mutate): the score of each mutated file from Stryker's JSON report,
 * and a check that every file scores at least 90 % and that every surviving mutant is listed as
 * equivalent, with its reason, in docs/mutation-testing.md. Exits 1 otherwise.
 *
 * Score = (killed + timed out) / (killed + timed out + survived + not covered), as Stryker counts it.
 * The threshold applies to the score without equivalents: the same with the survivors the doc lists
 * as equivalent (no test can tell them apart from the code) left out, as mutation testing defines it.
 * The column "without rule tests" counts a mutant as killed only when a test outside
 * test/unit/*-rules.test.ts failed on it too (Stryker keeps every failing test: disableBail).
 *
 *   node scripts/mutation-scores.mjs [report.json …] [--markdown]
 *
 * Without report files: the report of every part of scripts/stryker/parts.mjs (.local/mutation/<part>.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MUTATION_PARTS } from './stryker/parts.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const given = args.filter((arg) => !arg.startsWith('--'));
const reportFiles = given.length > 0 ? given : Object.keys(MUTATION_PARTS).map((part) => path.join(ROOT, `.local/mutation/${part}.json`));
const DOC = path.join(ROOT, 'docs/mutation-testing.md');
const THRESHOLD = 90;
const RULE_TESTS = /(^|\/)test\/unit\/[^/]*-rules\.test\.ts$/;

const missing = reportFiles.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`no report: ${missing.map((file) => path.relative(ROOT, file)).join(', ')} (npm run mutate writes them)`);
  process.exit(1);
}

/** The mutated files of every report, each with the map from its report's test ids to test files. */
const mutatedFiles = [];
for (const reportFile of reportFiles) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const testFileOf = new Map();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) {
    for (const test of tests) testFileOf.set(test.id, path.relative(ROOT, path.resolve(ROOT, file)));
  }
  for (const [file, { mutants }] of Object.entries(report.files)) mutatedFiles.push({ name: path.relative(ROOT, path.resolve(ROOT, file)), mutants, testFileOf });
}

/** The doc's equivalent mutants: rows `| file | line:column | mutator | replacement | reason |` of its "Equivalent mutants" section. */
function listedEquivalents() {
  const listed = new Map();
  let text = '';
  try {
    text = readFileSync(DOC, 'utf8');
  } catch {
    return listed;
  }
  // Only the table of the "Equivalent mutants" section: survivors listed elsewhere (not killed yet) do not count.
  const section = text.slice(Math.max(0, text.indexOf('## Equivalent mutants')));
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''));
    if (cells.length < 6 || !/^lib\/\S+\.ts$/.test(cells[1]) || !/^\d+:\d+$/.test(cells[2])) continue;
    listed.set(`${cells[1]}:${cells[2]} ${cells[3]}`, cells[5]);
  }
  return listed;
}

const KILLED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const listed = listedEquivalents();
const seen = new Set();
const rows = [];
const unlisted = [];

for (const { name, mutants, testFileOf } of mutatedFiles.sort((a, b) => a.name.localeCompare(b.name))) {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const killed = counted.filter((m) => KILLED.has(m.status));
  const killedWithoutRules = killed.filter((m) => m.status === 'Timeout' || (m.killedBy ?? []).some((id) => !RULE_TESTS.test(testFileOf.get(id) ?? '')));
  const survivors = counted.filter((m) => !KILLED.has(m.status));
  let equivalent = 0;
  for (const m of survivors) {
    const key = `${name}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`;
    if (listed.has(key)) {
      seen.add(key);
      equivalent += 1;
    } else {
      unlisted.push(`${key} -> ${JSON.stringify(m.replacement ?? '')} (${m.status})`);
    }
  }
  const pct = (n) => (counted.length === 0 ? 100 : (100 * n) / counted.length);
  rows.push({
    name, mutants: mutants.length, counted: counted.length, killed: killed.length, survived: survivors.length, equivalent,
    ignored: mutants.filter((m) => m.status === 'Ignored').length, score: pct(killed.length), before: pct(killedWithoutRules.length),
    net: counted.length === equivalent ? 100 : (100 * killed.length) / (counted.length - equivalent),
  });
}

const header = ['file', 'mutants', 'ignored', 'killed', 'survived', 'listed equivalent', 'score %', 'without equivalents %', 'without rule tests %'];
const cells = (r) => [r.name, r.mutants, r.ignored, r.killed, r.survived, r.equivalent, r.score.toFixed(1), r.net.toFixed(1), r.before.toFixed(1)].map(String);
if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => ' --- ').join('|')}|`);
  for (const r of rows) console.log(`| ${cells(r).join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => cells(r)[i].length)));
  const line = (values) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(cells(r)));
}

const low = rows.filter((r) => r.net < THRESHOLD);
const stale = [...listed.keys()].filter((key) => !seen.has(key) && rows.some((r) => key.startsWith(`${r.name}:`)));
for (const key of stale) console.log(`note: listed as equivalent but not surviving (line moved or now killed): ${key}`);
for (const r of low) console.log(`FAIL: ${r.name} scores ${r.net.toFixed(1)} % without its equivalent mutants, below ${THRESHOLD} %`);
for (const entry of unlisted) console.log(`FAIL: survivor not listed in docs/mutation-testing.md: ${entry}`);
process.exit(low.length > 0 || unlisted.length > 0 ? 1 : 0);
