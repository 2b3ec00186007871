/**
 * `npm run bench:compare -- <before.json> [after.json]`: two bench/results.json side by side, for
 * both operations — bundle, cold start, warm, Secrets Manager calls, and the ratios to each
 * floor — as a Markdown table (after defaults to bench/results.json). E.g. keep a copy of
 * results.json, change lib/, `npm run bench`, then compare the copy with the new run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults } from '../scripts/bench-tables';
import { RESULTS } from './support/harness';

type OpId = 'memberInfo' | 'bankAccountInquiry';
type Figure = { label: string; of: (r: BenchResults, op: OpId) => string };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const x = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '—');
const ms = (value: number, digits = 1) => value.toFixed(digits);

const FIGURES: Figure[] = [
  { label: 'bundle minified / zipped', of: (r, op) => `${kb(r.bundles.sizes[op].gateway.minified)} / ${kb(r.bundles.sizes[op].gateway.zipped)}` },
  { label: '… minified ÷ stock / floor(sdk)', of: (r, op) => `${x(r.bundles.sizes[op].gateway.minified, r.bundles.sizes[op].stock.minified)} / ${x(r.bundles.sizes[op].gateway.minified, r.bundles.sizes[op]['floor-sdk']?.minified)}` },
  { label: '… zipped ÷ stock / floor(sdk)', of: (r, op) => `${x(r.bundles.sizes[op].gateway.zipped, r.bundles.sizes[op].stock.zipped)} / ${x(r.bundles.sizes[op].gateway.zipped, r.bundles.sizes[op]['floor-sdk']?.zipped)}` },
  { label: 'cold total / module load / first call, ms', of: (r, op) => { const c = r.coldInit.result[op].gateway; return `${ms(c.totalMs.median)} / ${ms(c.loadMs.median)} / ${ms(c.firstCallMs.median)}`; } },
  { label: '… total ÷ stock / floor / floor(sdk) / floor(sdk,gw)', of: (r, op) => { const c = r.coldInit.result[op]; return (['stock', 'floor', 'floor-sdk', 'floor-sdk-gw'] as const).map((v) => x(c.gateway.totalMs.median, c[v]?.totalMs.median)).join(' / '); } },
  { label: 'warm latency / client CPU, ms', of: (r, op) => `${ms(r.warm[op].wallMs.gateway.median, 3)} / ${ms(r.warm[op].cpuMs.gateway.median, 3)}` },
  { label: '… latency ÷ floor / floor(http) / stock', of: (r, op) => (['floor', 'floor-http', 'stock'] as const).map((v) => x(r.warm[op].wallMs.gateway.median, r.warm[op].wallMs[v].median)).join(' / ') },
  { label: '… CPU beyond floor(http), ms', of: (r, op) => ms(r.warm[op].cpuMs.gateway.median - r.warm[op].cpuMs['floor-http'].median, 3) },
  { label: 'Secrets Manager calls (50 concurrent first calls)', of: (r, op) => { const s = r.secretsManagerConcurrency[op].gateway.secretsManagerCalls; return s.min === s.max ? String(s.max) : `${s.min}–${s.max}`; } },
];

const [beforeFile, afterFile = RESULTS] = process.argv.slice(2);
if (!beforeFile) {
  console.error('usage: npm run bench:compare -- <before results.json> [after results.json]');
  process.exit(2);
}
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as BenchResults;
const before = load(beforeFile);
const after = load(afterFile);
const when = (r: BenchResults) => `${r.generatedAt.slice(0, 16).replace('T', ' ')}, load ${r.loadAverageAtEnd.map((l) => l.toFixed(1)).join(' ')}`;
const lines = [
  `before: ${when(before)}; after: ${when(after)}`,
  '',
  '| gateway (medians) | memberInfo before | memberInfo after | bankAccountInquiry before | bankAccountInquiry after |',
  '|---|---|---|---|---|',
  ...FIGURES.map((f) => `| ${f.label} | ${f.of(before, 'memberInfo')} | ${f.of(after, 'memberInfo')} | ${f.of(before, 'bankAccountInquiry')} | ${f.of(after, 'bankAccountInquiry')} |`),
];
console.log(lines.join('\n'));
