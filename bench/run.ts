/**
 * `npm run bench`: the gateway side by side with the stock middy/axios/jose stack and the
 * hand-written floor, in one run on this machine. Prints a table, writes bench/results.json.
 * See bench/README.md for what each figure means and what the last runs found.
 *
 * Options (environment): BENCH_QUICK=1 (fewer repetitions, for trying the harness),
 * BENCH_REPACKAGE=1 (run `serverless package` even when .serverless/*.zip look fresh).
 */
import { spawn } from 'node:child_process';
import { coldStart, IMPL_LABEL, IMPLS, lambdaEnv, log, msSince, OPS, OUT, RESULTS, runNode, SECRET_ID, type ColdMessage, type OpId, type Impl } from './support/harness';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { OPERATIONS } from '../lib/catalog';
import { generateSandboxCredentials } from '../sandbox/project/credentials';
import { AS_USUAL, bundleEntry, bytesByPackage, bytesOfInputs, packageOf, ROOT, slsEsbuildSettings } from './support/build';
import { loadSandbox } from './support/load';
import { startSandbox, type SandboxProcess } from './support/sandbox';
import { median, ratio, round, roundSummary, summarize, type Summary } from './support/stats';
import { readZip, writeZip } from './support/zip';
import type { SecretJson } from './floor/kona';

const QUICK = process.env.BENCH_QUICK === '1';
const REPS = {
  cold: QUICK ? 3 : 15,
  concurrentRuns: QUICK ? 1 : 3,
  concurrency: 50,
  warmup: QUICK ? 10 : 40,
  rounds: QUICK ? 2 : 5,
  perRound: QUICK ? 30 : 120,
  loadRuns: QUICK ? 1 : 3,
  loadMs: QUICK ? 1000 : 2000,
  loadConcurrency: 32,
};

const ms = msSince;

// ---------------------------------------------------------------------------------------------
// Bundles

interface Bundles {
  /** Loadable JS per implementation and operation. */
  js: Record<Impl | 'floor-http', Record<OpId, string>>;
  cryptoFloor: string;
  sizes: Record<OpId, Record<Impl, { minified: number; zipped: number }>>;
  packaging: { ran: boolean; ms: number; dir: string };
  composition: Record<string, Array<{ name: string; bytes: number }>>;
  schemaIsolation: Record<OpId, { ok: boolean; catalogInputs: Record<string, number>; foreignStrings: string[] }>;
  rebuildMatchesZip: Record<OpId, { zip: number; rebuilt: number }>;
  /** Inputs of the function's bundle from packages that must no longer ship in one (see LEFT_BEHIND). */
  leftBehind: Record<OpId, string[]>;
}

/** Validators are compiled at build time and the JWE is node:crypto's: none of these may be bundled. */
const LEFT_BEHIND = /node_modules\/(@sinclair\/typebox|jose|lossless-json)\//;

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const entry of entries) visit(path.join(ROOT, entry));
  return newest;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** functions.<id>.handler of serverless.yml → the JS file inside that function's zip. */
function handlerFiles(): Record<string, string> {
  const doc = yaml.load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as { functions?: Record<string, { handler: string }> };
  const out: Record<string, string> = {};
  for (const [id, fn] of Object.entries(doc.functions ?? {})) out[id] = `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.js`;
  return out;
}

const SVC_SKIP = new Set(['serverless.yml', 'bench', '.serverless', '.esbuild', '.git', '.local', 'coverage']);

async function gatewayPackages(): Promise<{ dir: string; ran: boolean; ms: number }> {
  const sources = newestMtime(['lib', 'functions', 'deploy', 'serverless.yml', 'package.json', 'package-lock.json']);
  const shared = path.join(ROOT, '.serverless');
  const fresh = (dir: string) =>
    OPS.every((op) => {
      try {
        return statSync(path.join(dir, `${op.id}.zip`)).mtimeMs > sources;
      } catch {
        return false;
      }
    });
  if (process.env.BENCH_REPACKAGE !== '1') {
    if (fresh(shared)) return { dir: shared, ran: false, ms: 0 };
  }
  // `serverless package` builds every function of serverless.yml (dozens, over a minute on this
  // machine). The bench needs two, so it packages a copy of the service that keeps provider, custom,
  // package and plugins verbatim and lists only those two functions, in bench/.out/svc (the tree
  // linked in): same tool, same plugin, same settings, and a .esbuild/ work folder
  // of its own, so nothing it writes races a concurrent `npm run package` or test.
  const svc = path.join(OUT, 'svc');
  const dir = path.join(OUT, 'serverless');
  rmSync(svc, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(svc, { recursive: true });
  // Everything the service may reference (sources, node_modules, local plugins …) but its own
  // outputs, serverless.yml (rewritten below) and bench/ (which holds this very folder).
  for (const name of readdirSync(ROOT)) {
    if (SVC_SKIP.has(name)) continue;
    symlinkSync(path.join(ROOT, name), path.join(svc, name));
  }
  const service = yaml.load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as { functions?: Record<string, unknown> };
  service.functions = Object.fromEntries(OPS.map((op) => [op.id, service.functions?.[op.id]]));
  writeFileSync(path.join(svc, 'serverless.yml'), yaml.dump(service, { lineWidth: 200 }));
  const started = performance.now();
  log(`  serverless package of ${OPS.map((op) => op.id).join(', ')} (the zips in .serverless/ are missing or older than the sources) ...`);
  const result = await run(process.execPath, [path.join(ROOT, 'node_modules/serverless/bin/serverless.js'), 'package', '--package', dir], {
    cwd: svc,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`serverless package failed (${result.code}):\n${result.output.slice(-3000)}`);
  return { dir, ran: true, ms: ms(started) };
}

async function buildBundles(): Promise<Bundles> {
  const packaging = await gatewayPackages();
  const handlers = handlerFiles();
  const js = { gateway: {}, stock: {}, floor: {}, 'floor-http': {}, 'floor-sdk': {}, 'floor-sdk-gw': {} } as Bundles['js'];
  const sizes = {} as Bundles['sizes'];
  const composition: Bundles['composition'] = {};
  const schemaIsolation = {} as Bundles['schemaIsolation'];
  const rebuildMatchesZip = {} as Bundles['rebuildMatchesZip'];
  const leftBehind = {} as Bundles['leftBehind'];

  for (const op of OPS) {
    // gateway: exactly what `serverless package` zipped
    const zipFile = path.join(packaging.dir, `${op.id}.zip`);
    const zip = readFileSync(zipFile);
    const inner = handlers[op.id];
    if (!inner) throw new Error(`serverless.yml has no function ${op.id}`);
    const entry = readZip(zip).find((e) => e.name === inner);
    if (!entry) throw new Error(`${zipFile} holds no ${inner}`);
    const gatewayJs = path.join(OUT, 'gateway', op.id, inner);
    mkdirSync(path.dirname(gatewayJs), { recursive: true });
    writeFileSync(gatewayJs, entry.data);
    js.gateway[op.id] = gatewayJs;

    // the same entry rebuilt here with the same settings, for its metafile (bytes per package)
    const meta = await bundleEntry(`functions/${op.file}.ts`, path.join(OUT, 'meta', `gateway-${op.file}.js`));
    rebuildMatchesZip[op.id] = { zip: entry.data.length, rebuilt: meta.bytes };
    composition[`gateway.${op.id}`] = bytesByPackage(meta.metafile);

    // stock and floor, bundled like serverless-esbuild would (as anyone would: without the gateway's
    // two bundling choices, AS_USUAL), zipped like serverless would
    const stock = await bundleEntry(`bench/stock/${op.file}.ts`, path.join(OUT, 'stock', `${op.file}.js`), AS_USUAL);
    composition[`stock.${op.id}`] = bytesByPackage(stock.metafile);
    const floor = await bundleEntry(`bench/floor/${op.file}.ts`, path.join(OUT, 'floor', `${op.file}.js`), {
      ...AS_USUAL, define: { 'process.env.FLOOR_TRANSPORT': '"fetch"' },
    });
    composition[`floor.${op.id}`] = bytesByPackage(floor.metafile);
    await bundleEntry(`bench/floor/${op.file}.ts`, path.join(OUT, 'floor-http', `${op.file}.js`), {
      ...AS_USUAL, define: { 'process.env.FLOOR_TRANSPORT': '"http"' },
    });
    // floor(sdk): the same floor with the SDK's GetSecretValue, the usual way; floor(sdk,gw) the same
    // as the gateway: on node:http and with the gateway's bundling (serverless.yml's alias and supported).
    const floorSdk = await bundleEntry(`bench/floor/sdk/${op.file}.ts`, path.join(OUT, 'floor-sdk', `${op.file}.js`), {
      ...AS_USUAL, define: { 'process.env.FLOOR_TRANSPORT': '"fetch"' },
    });
    const floorSdkGw = await bundleEntry(`bench/floor/sdk/${op.file}.ts`, path.join(OUT, 'floor-sdk-gw', `${op.file}.js`), {
      define: { 'process.env.FLOOR_TRANSPORT': '"http"' },
    });
    composition[`floor-sdk.${op.id}`] = bytesByPackage(floorSdk.metafile);
    composition[`floor-sdk-gw.${op.id}`] = bytesByPackage(floorSdkGw.metafile);
    js['floor-sdk-gw'][op.id] = floorSdkGw.file;
    js.stock[op.id] = stock.file;
    js.floor[op.id] = floor.file;
    js['floor-sdk'][op.id] = floorSdk.file;
    js['floor-http'][op.id] = path.join(OUT, 'floor-http', `${op.file}.js`);
    const zipOf = (file: string) => writeZip([{ name: inner, data: readFileSync(file) }]).length;
    sizes[op.id] = {
      gateway: { minified: entry.data.length, zipped: zip.length },
      stock: { minified: stock.bytes, zipped: zipOf(stock.file) },
      floor: { minified: floor.bytes, zipped: zipOf(floor.file) },
      'floor-sdk': { minified: floorSdk.bytes, zipped: zipOf(floorSdk.file) },
      'floor-sdk-gw': { minified: floorSdkGw.bytes, zipped: zipOf(floorSdkGw.file) },
    };

    // Each function carries only its own operation: by content (no other operation's path or
    // title in the deployed JS) and by size (the only catalog module in its metafile is its own
    // compiled one, lib/catalog/compiled/<op>.ts, and no catalog entry with TypeBox schemas).
    const text = entry.data.toString('utf8');
    const self = OPERATIONS.find((o) => o.id === op.id);
    // Another operation's id, path or title in the deployed JS means its entry came along — unless
    // our own catalog entry names it (bankAccountInquiry's answer describes another path).
    const ownSource = readFileSync(path.join(ROOT, `lib/catalog/operations/${op.file}.ts`), 'utf8');
    const foreignStrings = OPERATIONS.filter((o) => o.id !== op.id)
      .flatMap((o) => [`"${o.id}"`, o.path, `"${o.title}"`])
      .filter((s) => text.includes(s) && !ownSource.includes(s));
    const catalogInputs = bytesOfInputs(meta.metafile, (input) => input.startsWith('lib/catalog/operations/') || input.startsWith('lib/catalog/compiled/'));
    const ownOnly = Object.keys(catalogInputs).every((input) => input === `lib/catalog/compiled/${op.file}.ts`);
    const hasOwn = !!self && text.includes(self.path);
    schemaIsolation[op.id] = { ok: foreignStrings.length === 0 && ownOnly && hasOwn, catalogInputs, foreignStrings };
    // What the issue moved out of every function: the TypeBox runtime, jose and lossless-json.
    leftBehind[op.id] = [...new Set(Object.keys(bytesOfInputs(meta.metafile, (input) => LEFT_BEHIND.test(input))).map(packageOf))];
  }
  const crypto = await bundleEntry('bench/floor/crypto-floor.ts', path.join(OUT, 'crypto-floor.js'));
  return { js, cryptoFloor: crypto.file, sizes, packaging, composition, schemaIsolation, rebuildMatchesZip, leftBehind };
}

// ---------------------------------------------------------------------------------------------
// 2. Cold init

type ColdResult = Record<OpId, Record<Impl, { totalMs: Summary; loadMs: Summary; firstCallMs: Summary; bootMs: Summary; spawnToAnswerMs: Summary }>>;

async function coldInit(bundles: Bundles, sandbox: SandboxProcess): Promise<{ result: ColdResult; secretsCallsPerProcess: number }> {
  const samples: Record<string, ColdMessage[]> = {};
  const walls: Record<string, number[]> = {};
  const before = await sandbox.callsFor(SECRET_ID);
  let processes = 0;
  const jobs = OPS.flatMap((op) => IMPLS.map((impl) => ({ op, impl })));
  for (let rep = 0; rep < REPS.cold; rep++) {
    // A different order each repetition, so no implementation always follows another.
    const order = rep % 2 === 0 ? jobs : [...jobs].reverse();
    for (const { op, impl } of order) {
      const key = `${op.id}.${impl}`;
      const { message, wallMs } = await coldStart(op, bundles.js[impl][op.id], lambdaEnv(sandbox), impl);
      processes++;
      (samples[key] ??= []).push(message);
      (walls[key] ??= []).push(wallMs);
    }
  }
  const after = await sandbox.callsFor(SECRET_ID);
  const result = {} as ColdResult;
  for (const op of OPS) {
    result[op.id] = {} as ColdResult[OpId];
    for (const impl of IMPLS) {
      const list = samples[`${op.id}.${impl}`]!;
      result[op.id][impl] = {
        totalMs: roundSummary(summarize(list.map((m) => m.totalMs))),
        bootMs: roundSummary(summarize(list.map((m) => m.bootMs))),
        loadMs: roundSummary(summarize(list.map((m) => m.loadMs))),
        firstCallMs: roundSummary(summarize(list.map((m) => m.firstCallMs))),
        spawnToAnswerMs: roundSummary(summarize(walls[`${op.id}.${impl}`]!)),
      };
    }
  }
  return { result, secretsCallsPerProcess: round((after - before) / processes, 3) };
}

// ---------------------------------------------------------------------------------------------
// 4. Secrets Manager calls under concurrent first invocations

type ConcurrencyResult = Record<OpId, Record<Impl, { secretsManagerCalls: Summary; statuses: Record<string, number>; msToLastAnswer: Summary }>>;

async function concurrentFirstCalls(bundles: Bundles, sandbox: SandboxProcess, secretString: string): Promise<ConcurrencyResult> {
  const result = {} as ConcurrencyResult;
  for (const op of OPS) {
    result[op.id] = {} as ConcurrencyResult[OpId];
    for (const impl of IMPLS) {
      const calls: number[] = [];
      const times: number[] = [];
      const statuses: Record<string, number> = {};
      for (let runIndex = 0; runIndex < REPS.concurrentRuns; runIndex++) {
        const secretId = `konaplate/bench-concurrent-${impl}-${op.id}-${runIndex}`;
        await sandbox.putSecret(secretId, secretString);
        const { message } = await runNode<{ statuses: Record<string, number>; ms: number }>(
          'concurrent.cjs',
          { bundle: bundles.js[impl][op.id], event: { path: op.path, body: op.body }, count: REPS.concurrency },
          lambdaEnv(sandbox, { KONAPLATE_SECRET_ID: secretId }),
        );
        calls.push(await sandbox.callsFor(secretId));
        times.push(message.ms);
        for (const [code, count] of Object.entries(message.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
      }
      result[op.id][impl] = { secretsManagerCalls: summarize(calls), statuses, msToLastAnswer: roundSummary(summarize(times), 1) };
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// 3. Warm overhead

const WARM_VARIANTS = ['gateway', 'stock', 'floor', 'floor-http', 'crypto'] as const;
type WarmVariant = (typeof WARM_VARIANTS)[number];

interface WarmOpResult {
  calls: number;
  /** Per variant: min/median/max over rounds of the round's median per-call time. */
  wallMs: Record<WarmVariant, Summary>;
  cpuMs: Record<WarmVariant, Summary>;
  /** gateway − floor, per round (wall), and stock − floor. */
  overheadOverFloorMs: { gateway: Summary; stock: Summary; gatewayOverFloorHttp: Summary };
  /** Client CPU per call beyond the crypto floor (the literal reading of the goal). */
  cpuBeyondCryptoMs: { gateway: Summary; stock: Summary; floor: Summary; floorHttp: Summary };
  /** Client CPU per call beyond the floor with node:http: what the gateway adds to the least correct client. */
  cpuBeyondFloorHttpMs: { gateway: Summary; stock: Summary };
  ratios: { gatewayToFloor: number; gatewayToFloorHttp: number; gatewayToStock: number; stockToFloor: number; gatewayOverheadToStockOverhead: number; cpuBeyondFloorHttpGatewayToStock: number };
}

async function warm(bundles: Bundles, sandbox: SandboxProcess, secretFile: string): Promise<Record<OpId, WarmOpResult>> {
  const out = {} as Record<OpId, WarmOpResult>;
  for (const op of OPS) {
    const variants = WARM_VARIANTS.map((name) => ({
      name,
      kind: name === 'crypto' ? 'crypto' : 'handler',
      op: op.id,
      bundle: name === 'crypto' ? bundles.cryptoFloor : bundles.js[name][op.id],
    }));
    const { message } = await runNode<{ rounds: Array<Record<WarmVariant, { wallMs: number[]; cpuMs: number[] }>> }>(
      'warm.cjs',
      { variants, event: { path: op.path, body: op.body }, warmup: REPS.warmup, rounds: REPS.rounds, perRound: REPS.perRound, secretFile },
      lambdaEnv(sandbox),
      170_000,
    );
    const perRound = (variant: WarmVariant, what: 'wallMs' | 'cpuMs') => message.rounds.map((r) => median(r[variant][what]));
    const wallMs = {} as Record<WarmVariant, Summary>;
    const cpuMs = {} as Record<WarmVariant, Summary>;
    for (const v of WARM_VARIANTS) {
      wallMs[v] = roundSummary(summarize(perRound(v, 'wallMs')));
      cpuMs[v] = roundSummary(summarize(perRound(v, 'cpuMs')));
    }
    const diff = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);
    const w = (v: WarmVariant) => perRound(v, 'wallMs');
    const c = (v: WarmVariant) => perRound(v, 'cpuMs');
    const gatewayOver = summarize(diff(w('gateway'), w('floor')));
    const stockOver = summarize(diff(w('stock'), w('floor')));
    out[op.id] = {
      calls: REPS.rounds * REPS.perRound,
      wallMs,
      cpuMs,
      overheadOverFloorMs: {
        gateway: roundSummary(gatewayOver),
        stock: roundSummary(stockOver),
        gatewayOverFloorHttp: roundSummary(summarize(diff(w('gateway'), w('floor-http')))),
      },
      cpuBeyondCryptoMs: {
        gateway: roundSummary(summarize(diff(c('gateway'), c('crypto')))),
        stock: roundSummary(summarize(diff(c('stock'), c('crypto')))),
        floor: roundSummary(summarize(diff(c('floor'), c('crypto')))),
        floorHttp: roundSummary(summarize(diff(c('floor-http'), c('crypto')))),
      },
      cpuBeyondFloorHttpMs: {
        gateway: roundSummary(summarize(diff(c('gateway'), c('floor-http')))),
        stock: roundSummary(summarize(diff(c('stock'), c('floor-http')))),
      },
      ratios: {
        gatewayToFloor: ratio(wallMs.gateway.median, wallMs.floor.median),
        gatewayToFloorHttp: ratio(wallMs.gateway.median, wallMs['floor-http'].median),
        gatewayToStock: ratio(wallMs.gateway.median, wallMs.stock.median),
        stockToFloor: ratio(wallMs.stock.median, wallMs.floor.median),
        gatewayOverheadToStockOverhead: ratio(gatewayOver.median, stockOver.median),
        cpuBeyondFloorHttpGatewayToStock: ratio(median(diff(c('gateway'), c('floor-http'))), median(diff(c('stock'), c('floor-http')))),
      },
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. Sandbox throughput

async function throughput(sandbox: SandboxProcess, secret: SecretJson): Promise<Record<OpId, { requestsPerSecond: Summary; failed: number; concurrency: number; seconds: number }>> {
  const out = {} as Record<OpId, { requestsPerSecond: Summary; failed: number; concurrency: number; seconds: number }>;
  for (const op of OPS) {
    const rates: number[] = [];
    let failed = 0;
    for (let i = 0; i < REPS.loadRuns; i++) {
      const r = await loadSandbox(sandbox.platformUrl, secret, {
        path: op.path,
        encryptRequest: op.encryptRequest,
        body: op.body,
        concurrency: REPS.loadConcurrency,
        durationMs: REPS.loadMs,
      });
      rates.push(r.requestsPerSecond);
      failed += r.failed;
    }
    out[op.id] = { requestsPerSecond: roundSummary(summarize(rates), 0), failed, concurrency: REPS.loadConcurrency, seconds: REPS.loadMs / 1000 };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

const fmtS = (s: Summary, digits = 1) => `${s.min.toFixed(digits)} / ${s.median.toFixed(digits)} / ${s.max.toFixed(digits)}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const signedMs = (ms: number) => `${ms < 0 ? '−' : '+'}${Math.abs(ms).toFixed(3)} ms`;
const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const lpad = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? pad(cell, widths[i]!) : lpad(cell, widths[i]!))).join('  ')).join('\n');
}

interface Goal {
  /** The issue that set it: 5 (bench/README "Goals" history) or 8 (the budget). */
  issue: number;
  goal: string;
  /** The variant it is judged against (bench/README.md says why). */
  against: string;
  met: boolean;
  detail: string;
}

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(OUT, { recursive: true });
  log(`bench: node ${process.version}, ${cpus().length} cores${QUICK ? ' (BENCH_QUICK)' : ''}`);

  let t = performance.now();
  log('1. bundles ...');
  const bundles = await buildBundles();
  log(`   done in ${ms(t)} ms${bundles.packaging.ran ? ` (serverless package ${bundles.packaging.ms} ms)` : ' (reused fresh .serverless/*.zip)'}`);

  const credentials = await generateSandboxCredentials();
  const secret = credentials.clientSecret as SecretJson;
  const secretString = JSON.stringify(secret);
  const temp = mkdtempSync(path.join(tmpdir(), 'konaplate-bench-'));
  const credentialsFile = path.join(temp, 'credentials.json');
  const secretFile = path.join(temp, 'secret.json');
  writeFileSync(credentialsFile, JSON.stringify({ credentials, secretId: SECRET_ID }), { mode: 0o600 });
  writeFileSync(secretFile, secretString, { mode: 0o600 });
  const sandbox = await startSandbox(credentialsFile);
  try {
    t = performance.now();
    log(`2. cold init: ${REPS.cold} fresh processes × ${OPS.length * IMPLS.length} functions ...`);
    const cold = await coldInit(bundles, sandbox);
    log(`   done in ${ms(t)} ms`);

    t = performance.now();
    log(`3. warm: ${REPS.rounds} rounds × ${REPS.perRound} interleaved calls per variant and operation ...`);
    const warmResult = await warm(bundles, sandbox, secretFile);
    log(`   done in ${ms(t)} ms`);

    t = performance.now();
    log(`4. Secrets Manager calls with ${REPS.concurrency} concurrent first invocations ...`);
    const concurrent = await concurrentFirstCalls(bundles, sandbox, secretString);
    log(`   done in ${ms(t)} ms`);

    t = performance.now();
    log(`5. sandbox throughput: ${REPS.loadConcurrency} connections × ${REPS.loadMs} ms × ${REPS.loadRuns} runs per operation ...`);
    const load = await throughput(sandbox, secret);
    log(`   done in ${ms(t)} ms`);

    const results = report(bundles, cold, warmResult, concurrent, load, sandbox.xrayDocuments(), ms(started));
    writeFileSync(`${RESULTS}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(`${RESULTS}.tmp`, RESULTS);
    log(`wrote bench/results.json (${ms(started)} ms in all)`);
  } finally {
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

function report(
  bundles: Bundles,
  cold: Awaited<ReturnType<typeof coldInit>>,
  warmResult: Record<OpId, WarmOpResult>,
  concurrent: ConcurrencyResult,
  load: Awaited<ReturnType<typeof throughput>>,
  xrayDocuments: number,
  elapsedMs: number,
) {
  const lines: string[] = [];
  const say = (line = '') => lines.push(line);
  const settings = slsEsbuildSettings();
  say(`konaplate-gateway bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}`);
  say(`esbuild (from serverless.yml custom.esbuild): bundle ${settings.bundle}, minify ${settings.minify}, ${settings.format}, ${settings.target}, mainFields [${settings.mainFields.join(', ')}]`);
  say(`min / median / max; ratios are of medians; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on this machine shows up as noise)`);
  say(`metrics and tracing on (POWERTOOLS_METRICS_NAMESPACE, KONAPLATE_STAGE, KONAPLATE_TRACING=Active, a sampled trace header): ${xrayDocuments} X-Ray documents reached the stand-in daemon`);
  say();

  say('1. Bundle size per function (deterministic: one build)');
  const sizeRows = [['', ...IMPLS.map((i) => IMPL_LABEL[i]), 'gw/stock', 'gw/floor', 'gw/floor(sdk)', 'gw/floor(sdk,gw)']];
  for (const op of OPS) {
    const s = bundles.sizes[op.id];
    for (const form of ['minified', 'zipped'] as const) {
      sizeRows.push([`${op.id} ${form}`, ...IMPLS.map((i) => kb(s[i][form])), x(s.gateway[form] / s.stock[form]), x(s.gateway[form] / s.floor[form]), x(s.gateway[form] / s['floor-sdk'][form]), x(s.gateway[form] / s['floor-sdk-gw'][form])]);
    }
  }
  say(table(sizeRows));
  for (const op of OPS) {
    const iso = bundles.schemaIsolation[op.id];
    say(`   ${op.id}: only its own schema: ${iso.ok ? 'yes' : 'NO'} (catalog modules: ${Object.entries(iso.catalogInputs).map(([k, v]) => `${path.basename(k)} ${v} B`).join(', ') || 'none'}${iso.foreignStrings.length ? `; foreign: ${iso.foreignStrings.join(', ')}` : ''})`);
  }
  const top = (key: string) => bundles.composition[key]!.slice(0, 6).map((p) => `${p.name} ${kb(p.bytes)}`).join(', ');
  say(`   gateway memberInfo by package: ${top('gateway.memberInfo')}`);
  say(`   stock memberInfo by package: ${top('stock.memberInfo')}`);
  say(`   floor(sdk) memberInfo by package: ${top('floor-sdk.memberInfo')}`);
  say(`   floor(sdk,gw) memberInfo by package: ${top('floor-sdk-gw.memberInfo')}`);
  say();

  say(`2. Cold init, ms: fresh node process start → module load → first answer (incl. Secrets Manager), ${REPS.cold} runs each`);
  const coldRows = [['', ...IMPLS.map((i) => IMPL_LABEL[i]), 'gw/stock', 'gw/floor', 'gw/floor(sdk)', 'gw/floor(sdk,gw)']];
  for (const op of OPS) {
    const c = cold.result[op.id];
    const row = (label: string, of: (impl: Impl) => number, cell: (impl: Impl) => string) =>
      coldRows.push([label, ...IMPLS.map(cell), ...(['stock', 'floor', 'floor-sdk', 'floor-sdk-gw'] as const).map((i) => x(ratio(of('gateway'), of(i))))]);
    row(`${op.id} total`, (i) => c[i].totalMs.median, (i) => fmtS(c[i].totalMs));
    row('  module load', (i) => c[i].loadMs.median, (i) => fmtS(c[i].loadMs));
    row('  first call', (i) => c[i].firstCallMs.median, (i) => fmtS(c[i].firstCallMs));
    const beyond = (i: Impl) => c[i].totalMs.median - c[i].bootMs.median;
    row('  after node boot (median)', beyond, (i) => beyond(i).toFixed(1));
  }
  say(table(coldRows));
  say(`   Secrets Manager calls per cold process: ${cold.secretsCallsPerProcess}`);
  say();

  say(`3. Warm, ms per call (medians of ${REPS.rounds} rounds × ${REPS.perRound} calls, all variants interleaved in one process)`);
  const warmRows = [['', 'gateway', 'stock', 'floor', 'floor(http)', 'crypto floor']];
  for (const op of OPS) {
    const w = warmResult[op.id];
    warmRows.push([`${op.id} latency`, ...(['gateway', 'stock', 'floor', 'floor-http', 'crypto'] as const).map((v) => fmtS(w.wallMs[v], 3))]);
    warmRows.push([`  client CPU`, ...(['gateway', 'stock', 'floor', 'floor-http', 'crypto'] as const).map((v) => fmtS(w.cpuMs[v], 3))]);
  }
  say(table(warmRows));
  const overRows = [['', 'gateway', 'stock', 'gw/floor', 'gw/stock', 'gw over floor(http)']];
  for (const op of OPS) {
    const w = warmResult[op.id];
    overRows.push([`${op.id} over floor, ms`, fmtS(w.overheadOverFloorMs.gateway, 3), fmtS(w.overheadOverFloorMs.stock, 3), x(w.ratios.gatewayToFloor), x(w.ratios.gatewayToStock), fmtS(w.overheadOverFloorMs.gatewayOverFloorHttp, 3)]);
    overRows.push([`  CPU beyond crypto floor, ms`, fmtS(w.cpuBeyondCryptoMs.gateway, 3), fmtS(w.cpuBeyondCryptoMs.stock, 3), '', '', `floor(http): ${fmtS(w.cpuBeyondCryptoMs.floorHttp, 3)}`]);
    overRows.push([`  CPU beyond floor(http), ms`, fmtS(w.cpuBeyondFloorHttpMs.gateway, 3), fmtS(w.cpuBeyondFloorHttpMs.stock, 3), '', '', '']);
  }
  say(table(overRows));
  say();

  say(`4. Secrets Manager GetSecretValue calls when ${REPS.concurrency} invocations start at once in one fresh process (${REPS.concurrentRuns} runs)`);
  const smRows = [['', ...IMPLS.map((i) => IMPL_LABEL[i])]];
  for (const op of OPS) {
    const c = concurrent[op.id];
    smRows.push([op.id, ...IMPLS.map((i) => `${fmtS(c[i].secretsManagerCalls, 0)} (${Object.entries(c[i].statuses).map(([k, v]) => `${v}×${k}`).join(' ')})`)]);
  }
  say(table(smRows));
  say();

  say(`5. Sandbox throughput, requests/s (${REPS.loadConcurrency} keep-alive connections, ${REPS.loadMs / 1000} s × ${REPS.loadRuns}, pre-signed requests)`);
  say(table([['', 'req/s', 'failed'], ...OPS.map((op) => [op.id, fmtS(load[op.id].requestsPerSecond, 0), String(load[op.id].failed)])]));
  say();

  // Goals of issue 5, then issue 8 (bench/README.md says which floor each is judged against, and why)
  const goals: Goal[] = [];
  const add = (issue: number, goal: string, against: string, met: boolean, detail: string) => goals.push({ issue, goal, against, met, detail });
  const sized = (op: OpId, impl: Impl, form: 'minified' | 'zipped') => bundles.sizes[op].gateway[form] / bundles.sizes[op][impl][form];
  add(5, 'bundle ≤ 0.5× stock', 'stock', OPS.every((op) => sized(op.id, 'stock', 'minified') <= 0.5 && sized(op.id, 'stock', 'zipped') <= 0.5),
    OPS.map((op) => `${op.id} ${x(sized(op.id, 'stock', 'minified'))} minified, ${x(sized(op.id, 'stock', 'zipped'))} zipped`).join('; '));
  add(5, 'each bundle carries only its own schema', '—', OPS.every((op) => bundles.schemaIsolation[op.id].ok), OPS.map((op) => `${op.id} ${bundles.schemaIsolation[op.id].ok ? 'yes' : 'no'}`).join('; '));
  const coldRatio = (op: OpId, impl: Impl) => ratio(cold.result[op].gateway.totalMs.median, cold.result[op][impl].totalMs.median);
  add(5, 'cold init ≤ 0.7× stock', 'stock', OPS.every((op) => coldRatio(op.id, 'stock') <= 0.7),
    OPS.map((op) => `${op.id} ${x(coldRatio(op.id, 'stock'))} (${cold.result[op.id].gateway.totalMs.median.toFixed(1)} vs ${cold.result[op.id].stock.totalMs.median.toFixed(1)} ms)`).join('; '));
  add(5, 'warm ≤ 1.1× floor', 'floor', OPS.every((op) => warmResult[op.id].ratios.gatewayToFloor <= 1.1),
    OPS.map((op) => `${op.id} ${x(warmResult[op.id].ratios.gatewayToFloor)} (${signedMs(warmResult[op.id].overheadOverFloorMs.gateway.median)})`).join('; '));
  add(5, 'warm CPU ≤ 0.3 ms beyond the crypto floor', 'crypto floor', OPS.every((op) => warmResult[op.id].cpuBeyondCryptoMs.gateway.median <= 0.3),
    OPS.map((op) => `${op.id} ${warmResult[op.id].cpuBeyondCryptoMs.gateway.median.toFixed(3)} ms`).join('; '));
  add(5, '(achievable reading) warm CPU ≤ 0.3 ms beyond the floor with node:http', 'floor(http)', OPS.every((op) => warmResult[op.id].cpuBeyondFloorHttpMs.gateway.median <= 0.3),
    OPS.map((op) => `${op.id} ${warmResult[op.id].cpuBeyondFloorHttpMs.gateway.median.toFixed(3)} ms (the floor itself: ${warmResult[op.id].cpuBeyondCryptoMs.floorHttp.median.toFixed(3)} ms beyond the crypto floor)`).join('; '));
  add(5, 'sandbox ≥ 2,000 requests/s', '—', OPS.every((op) => load[op.id].requestsPerSecond.median >= 2000), OPS.map((op) => `${op.id} ${load[op.id].requestsPerSecond.median} req/s`).join('; '));
  add(8, 'bundle ≤ 1.0× floor(sdk)', 'floor(sdk)', OPS.every((op) => sized(op.id, 'floor-sdk', 'minified') <= 1 && sized(op.id, 'floor-sdk', 'zipped') <= 1),
    OPS.map((op) => `${op.id} ${x(sized(op.id, 'floor-sdk', 'minified'))} minified (${kb(bundles.sizes[op.id].gateway.minified)} vs ${kb(bundles.sizes[op.id]['floor-sdk'].minified)}), ${x(sized(op.id, 'floor-sdk', 'zipped'))} zipped; ${x(sized(op.id, 'floor-sdk-gw', 'minified'))} minified of floor(sdk,gw)`).join('; '));
  add(8, 'cold start ≤ 0.8× floor(sdk)', 'floor(sdk)', OPS.every((op) => coldRatio(op.id, 'floor-sdk') <= 0.8),
    OPS.map((op) => `${op.id} ${x(coldRatio(op.id, 'floor-sdk'))} (${cold.result[op.id].gateway.totalMs.median.toFixed(1)} vs ${cold.result[op.id]['floor-sdk'].totalMs.median.toFixed(1)} ms; ${x(coldRatio(op.id, 'floor-sdk-gw'))} of floor(sdk,gw))`).join('; '));
  add(8, 'warm ≤ 0.55× floor', 'floor', OPS.every((op) => warmResult[op.id].ratios.gatewayToFloor <= 0.55),
    OPS.map((op) => `${op.id} ${x(warmResult[op.id].ratios.gatewayToFloor)} of the floor, ${x(warmResult[op.id].ratios.gatewayToFloorHttp)} of floor(http); CPU beyond floor(http) ${x(warmResult[op.id].ratios.cpuBeyondFloorHttpGatewayToStock)} of the stock's`).join('; '));
  const smCalls = (impl: Impl) => OPS.every((op) => concurrent[op.id][impl].secretsManagerCalls.max === 1 && concurrent[op.id][impl].secretsManagerCalls.min === 1);
  add(8, `1 Secrets Manager call per container (${REPS.concurrency} concurrent first invocations; also issue 5)`, '—', smCalls('gateway') && cold.secretsCallsPerProcess === 1,
    `${OPS.map((op) => `${op.id} ${fmtS(concurrent[op.id].gateway.secretsManagerCalls, 0)}`).join('; ')}; ${cold.secretsCallsPerProcess} per cold process`);
  add(8, 'no TypeBox, jose or lossless-json in a function bundle', '—', OPS.every((op) => bundles.leftBehind[op.id].length === 0),
    OPS.map((op) => `${op.id} ${bundles.leftBehind[op.id].length === 0 ? 'none' : bundles.leftBehind[op.id].join(', ')}`).join('; '));
  say('Goals');
  for (const g of goals) say(`  [${g.met ? 'met' : 'NOT met'}] (issue ${g.issue}${g.against === '—' ? '' : `, vs ${g.against}`}) ${g.goal}: ${g.detail}`);
  say();
  say(`(${(elapsedMs / 1000).toFixed(1)} s so far${bundles.packaging.ran ? `, serverless package ${bundles.packaging.ms} ms` : ''})`);
  process.stdout.write(`${lines.join('\n')}\n`);

  return {
    generatedAt: new Date().toISOString(),
    loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, platform: process.platform, arch: process.arch },
    quick: QUICK,
    repetitions: REPS,
    esbuild: settings,
    table: lines.join('\n'),
    goals,
    bundles: {
      sizes: bundles.sizes,
      packaging: { ranServerlessPackage: bundles.packaging.ran, ms: bundles.packaging.ms, dir: path.relative(ROOT, bundles.packaging.dir) },
      rebuildMatchesZip: bundles.rebuildMatchesZip,
      schemaIsolation: bundles.schemaIsolation,
      leftBehind: bundles.leftBehind,
      composition: Object.fromEntries(Object.entries(bundles.composition).map(([k, v]) => [k, v.slice(0, 25)])),
    },
    coldInit: cold,
    warm: warmResult,
    secretsManagerConcurrency: concurrent,
    tracing: { xrayDocuments },
    sandboxThroughput: load,
    elapsedMs,
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
