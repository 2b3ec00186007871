/**
 * `npm run bench:cold-parts`: where the seed function's cold start goes beyond the floors, by taking
 * parts away. Each variant is the same function built with the serverless settings, less one part
 * (Powertools Logger or Metrics replaced by the least that writes the same lines, bench/cold-parts/),
 * or started with something an operator might set (NODE_OPTIONS). All variants and floor(sdk) run
 * interleaved, one fresh process each per repetition, with the bench's Lambda-like environment
 * (metrics and tracing on). Prints each variant's median total (process start → first answer) and
 * its difference from the gateway, and the gateway ÷ floor(sdk) two ways: the ratio of the medians
 * (as `npm run bench` prints it) and the median of the per-repetition ratios, which a drift of the
 * machine's speed during the run moves less. Nothing here asserts a time.
 *
 * Options (environment): COLD_PARTS_REPS (default 25), COLD_PARTS_BATCHES (default 3: the paired
 * ratio per batch, to show how much it moves from one run to the next).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSandboxCredentials } from '../sandbox/project/credentials';
import { AS_USUAL, bundleEntry, slsBuildOptions } from './support/build';
import { coldStart, lambdaEnv, log, OPS, OUT, SECRET_ID } from './support/harness';
import { startSandbox } from './support/sandbox';
import { median } from './support/stats';

const SEED = OPS.find((op) => op.id === 'bankAccountInquiry')!;
const REPS = Number(process.env.COLD_PARTS_REPS ?? 25);
const BATCHES = Number(process.env.COLD_PARTS_BATCHES ?? 3);
const DIR = path.join(OUT, 'cold-parts');
const STAND_INS = path.join(__dirname, 'cold-parts');

interface Variant {
  label: string;
  file: string;
  env?: Record<string, string>;
}

async function variants(): Promise<Variant[]> {
  const own = slsBuildOptions().alias ?? {};
  const build = async (name: string, alias: Record<string, string> = {}) =>
    (await bundleEntry(`functions/${SEED.file}.ts`, path.join(DIR, `${name}.js`), { alias: { ...own, ...alias } })).file;
  const logger = { '@aws-lambda-powertools/logger': path.join(STAND_INS, 'logger-stand-in.ts') };
  const metrics = { '@aws-lambda-powertools/metrics': path.join(STAND_INS, 'metrics-stand-in.ts') };
  const gateway = await build('gateway');
  const floorSdk = (await bundleEntry(`bench/floor/sdk/${SEED.file}.ts`, path.join(DIR, 'floor-sdk.js'), { ...AS_USUAL, define: { 'process.env.FLOOR_TRANSPORT': '"fetch"' } })).file;
  return [
    { label: 'gateway', file: gateway },
    { label: 'without Powertools Logger', file: await build('no-logger', logger) },
    { label: 'without Powertools Metrics', file: await build('no-metrics', metrics) },
    { label: 'without either', file: await build('no-powertools', { ...logger, ...metrics }) },
    { label: 'tracing and metrics off (env)', file: gateway, env: { KONAPLATE_TRACING: 'PassThrough', POWERTOOLS_METRICS_DISABLED: 'true' } },
    { label: 'NODE_OPTIONS=--enable-source-maps', file: gateway, env: { NODE_OPTIONS: '--enable-source-maps' } },
    { label: 'NODE_OPTIONS=--max-old-space-size=400', file: gateway, env: { NODE_OPTIONS: '--max-old-space-size=400' } },
    { label: 'floor(sdk)', file: floorSdk },
  ];
}

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  log(`building ${SEED.id} variants ...`);
  const list = await variants();
  const credentials = await generateSandboxCredentials();
  const temp = mkdtempSync(path.join(tmpdir(), 'konaplate-cold-parts-'));
  const credentialsFile = path.join(temp, 'credentials.json');
  writeFileSync(credentialsFile, JSON.stringify({ credentials, secretId: SECRET_ID }), { mode: 0o600 });
  const sandbox = await startSandbox(credentialsFile);
  const totals = new Map<string, number[]>(list.map((v) => [v.label, []]));
  try {
    log(`${REPS} repetitions × ${list.length} variants, interleaved ...`);
    for (let rep = 0; rep < REPS; rep++) {
      const order = rep % 2 === 0 ? list : [...list].reverse();
      for (const v of order) {
        const { message } = await coldStart(SEED, v.file, lambdaEnv(sandbox, v.env), v.label);
        totals.get(v.label)!.push(message.totalMs);
      }
    }
  } finally {
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }

  const gateway = totals.get('gateway')!;
  const floorSdk = totals.get('floor(sdk)')!;
  const width = Math.max(...list.map((v) => v.label.length));
  console.log(`${SEED.id} cold start, ms: median of ${REPS} fresh processes (process start → first answer), metrics and tracing on`);
  for (const v of list) {
    const m = median(totals.get(v.label)!);
    const delta = m - median(gateway);
    console.log(`  ${v.label.padEnd(width)}  ${m.toFixed(1).padStart(6)}  ${v.label === 'gateway' ? '' : `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`}`);
  }
  const paired = (from: number, to: number) => median(gateway.slice(from, to).map((g, i) => g / floorSdk[from + i]!));
  console.log(`gateway ÷ floor(sdk): ratio of medians ${(median(gateway) / median(floorSdk)).toFixed(3)}, median of per-repetition ratios ${paired(0, REPS).toFixed(3)}`);
  const size = Math.floor(REPS / BATCHES);
  if (BATCHES > 1 && size > 0) {
    const batches = Array.from({ length: BATCHES }, (_, b) => paired(b * size, (b + 1) * size).toFixed(3));
    console.log(`  per-repetition ratio in ${BATCHES} batches of ${size}: ${batches.join(', ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
