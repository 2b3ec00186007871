/**
 * The figures README.md and bench/README.md restate from bench/results.json (the last
 * `npm run bench`): `npm run generate` rewrites them after a run (scripts/generated-files.ts).
 */
import { replaceBetween } from './readme-tables';

type Summary = { min: number; median: number; max: number };
type OpId = 'memberInfo' | 'bankAccountInquiry';
type Variant = 'gateway' | 'stock' | 'floor' | 'floor-sdk' | 'floor-sdk-gw';

/** The part of bench/results.json the tables read. */
export interface BenchResults {
  generatedAt: string;
  machine: { node: string; cpus: number };
  loadAverageAtEnd: number[];
  table: string;
  goals: Array<{ issue: number; goal: string; against: string; met: boolean; detail: string }>;
  bundles: { sizes: Record<OpId, Record<Variant, { minified: number; zipped: number }>> };
  coldInit: { result: Record<OpId, Record<Variant, { totalMs: Summary; loadMs: Summary; firstCallMs: Summary }>> };
  warm: Record<OpId, {
    wallMs: Record<'gateway' | 'stock' | 'floor' | 'floor-http', Summary>;
    cpuMs: Record<'gateway' | 'stock' | 'floor' | 'floor-http', Summary>;
  }>;
  secretsManagerConcurrency: Record<OpId, Record<'gateway', { secretsManagerCalls: Summary }>>;
}

const OPS: OpId[] = ['memberInfo', 'bankAccountInquiry'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** The README's Performance tables: the goals as last judged, and the figures behind them. */
export function performanceTables(r: BenchResults): string {
  const goals = [
    row(['goal', 'issue', 'judged against', 'met?', 'last run']),
    row(['---', '---', '---', '---', '---']),
    ...r.goals.map((g) => row([g.goal, String(g.issue), g.against, g.met ? 'yes' : '**no**', g.detail])),
  ];
  const per = (cell: (op: OpId) => string) => OPS.map(cell);
  const size = (op: OpId) => r.bundles.sizes[op];
  const cold = (op: OpId) => r.coldInit.result[op];
  const warm = (op: OpId) => r.warm[op];
  const figures = [
    row(['median of the last run', ...OPS]),
    row(['---', ...OPS.map(() => '---')]),
    row(['bundle, minified / zipped', ...per((op) => `${kb(size(op).gateway.minified)} / ${kb(size(op).gateway.zipped)}`)]),
    row(['… minified ÷ stock / floor / floor(sdk)', ...per((op) => ['stock', 'floor', 'floor-sdk'].map((v) => x(size(op).gateway.minified, size(op)[v as Variant].minified)).join(' / '))]),
    row(['cold start ms: total (module load + first call)', ...per((op) => `${cold(op).gateway.totalMs.median.toFixed(1)} (${cold(op).gateway.loadMs.median.toFixed(1)} + ${cold(op).gateway.firstCallMs.median.toFixed(1)})`)]),
    row(['… total ÷ stock / floor / floor(sdk) / floor(sdk,gw)', ...per((op) => ['stock', 'floor', 'floor-sdk', 'floor-sdk-gw'].map((v) => x(cold(op).gateway.totalMs.median, cold(op)[v as Variant].totalMs.median)).join(' / '))]),
    row(['warm ms per call: latency / client CPU', ...per((op) => `${warm(op).wallMs.gateway.median.toFixed(3)} / ${warm(op).cpuMs.gateway.median.toFixed(3)}`)]),
    row(['… latency ÷ floor / floor(http) / stock', ...per((op) => ['floor', 'floor-http', 'stock'].map((v) => x(warm(op).wallMs.gateway.median, warm(op).wallMs[v as 'floor'].median)).join(' / '))]),
    row(['Secrets Manager calls, 50 concurrent first invocations', ...per((op) => String(r.secretsManagerConcurrency[op].gateway.secretsManagerCalls.max))]),
  ];
  return [`Last run: ${r.generatedAt.slice(0, 10)}, node ${r.machine.node}, ${r.machine.cpus} cores (shared; load average ${r.loadAverageAtEnd.map((l) => l.toFixed(1)).join(' ')} at the end).`, '', ...goals, '', ...figures].join('\n');
}

/** bench/README.md "Last run": the bench's own printout. */
export const lastRunBlock = (r: BenchResults): string => ['```', r.table, '```'].join('\n');

/** bench/README.md "Goals": each goal, what it is judged against, and the last figures. */
export function goalsTable(r: BenchResults): string {
  return [
    row(['goal', 'issue', 'judged against', 'now', 'numbers (last run)']),
    row(['---', '---', '---', '---', '---']),
    ...r.goals.map((g) => row([g.goal, String(g.issue), g.against, g.met ? '**met**' : '**not met**', g.detail])),
  ].join('\n');
}

export function withPerformanceTables(readme: string, r: BenchResults): string {
  return replaceBetween(readme, 'performance-table', performanceTables(r));
}

export function withBenchTables(benchReadme: string, r: BenchResults): string {
  return replaceBetween(replaceBetween(benchReadme, 'bench-last-run', lastRunBlock(r)), 'bench-goals', goalsTable(r));
}
