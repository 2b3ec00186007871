/**
 * `npm run bench:profile`: where the gateway's time goes. Writes bench/profile.json and prints
 * a summary; CPU profiles are kept in bench/profiles/ (git-ignored) for Chrome DevTools.
 *
 * 1. import cost per package and per lib module: each bundled alone with the serverless settings,
 *    required in fresh processes (median of 7, the empty bundle subtracted);
 * 2. cold start CPU profile (node --cpu-prof) of the gateway functions, unminified so every
 *    sample maps back to its source file → self time per package and per function;
 * 3. warm CPU profile of 600 gateway invocations, the same way;
 * 4. the gateway's parts one by one (bench/micro.ts): first-use and per-call costs, next to the floor's.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { generateSandboxCredentials } from '../sandbox/project/credentials';
import { bundleEntry, ROOT, slsBuildOptions } from './support/build';
import { attribute, type Attribution } from './support/cpuprofile';
import { coldStart, lambdaEnv, log, msSince, OPS, OUT, runNode } from './support/harness';
import type { SecretJson } from './floor/kona';
import { loadSandbox } from './support/load';
import { startSandbox, type SandboxProcess } from './support/sandbox';
import { median, round } from './support/stats';

const PROFILES = path.join(ROOT, 'bench/profiles');
const IMPORT_RUNS = 7;
const COLD_RUNS = 5;

/** What gets imported, as the bundle's whole source (resolved from the repository root). */
const IMPORTS: Array<{ name: string; source: string }> = [
  { name: '(empty bundle: node require overhead)', source: 'export const x = 1;' },
  { name: '@aws-sdk/client-secrets-manager', source: "export { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';" },
  { name: '@aws-lambda-powertools/logger (+ new Logger)', source: "import { Logger } from '@aws-lambda-powertools/logger'; export const logger = new Logger({ serviceName: 'x' });" },
  { name: '(left the functions) @sinclair/typebox + /compiler', source: "export { Type } from '@sinclair/typebox'; export { TypeCompiler } from '@sinclair/typebox/compiler';" },
  { name: '(left the functions; the sandbox\'s) jose', source: "export { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';" },
  { name: '@middy/core', source: "export { default } from '@middy/core';" },
  { name: 'lib/log.ts (Powertools + masking)', source: "export * from './lib/log';" },
  { name: 'lib/catalog/compiled/member-info.ts (compiled checks + lib/catalog/checks.ts)', source: "export * from './lib/catalog/compiled/member-info';" },
  { name: 'lib/protocol (node:crypto JWE, built-in JSON)', source: "export * from './lib/protocol';" },
  { name: 'lib/credentials + secrets-manager.ts (AWS SDK)', source: "export * from './lib/credentials'; export * from './lib/credentials/secrets-manager';" },
  { name: 'lib/upstream/call.ts', source: "export * from './lib/upstream/call';" },
  { name: 'functions/member-info.ts (the whole gateway function)', source: "export * from './functions/member-info';" },
  { name: 'stock: axios', source: "export { default } from 'axios';" },
  { name: 'stock: @middy/validator/transpile + transpileSchema()', source: "import { transpileSchema } from '@middy/validator/transpile'; export const v = transpileSchema({ type: 'object', required: ['body'], properties: { body: { type: 'object', required: ['userId'], additionalProperties: false, properties: { userId: { type: 'integer', minimum: 1 } } } } });" },
  { name: 'stock: @middy/secrets-manager', source: "export { default } from '@middy/secrets-manager';" },
  { name: 'stock: bench/stock/member-info.ts (the whole stock function)', source: "export * from './bench/stock/member-info';" },
];

async function importCosts(): Promise<Array<{ name: string; bytes: number; requireMs: number; beyondEmptyMs: number }>> {
  const dir = path.join(OUT, 'imports');
  mkdirSync(dir, { recursive: true });
  const files = await Promise.all(
    IMPORTS.map(async (entry, i) => {
      const outfile = path.join(dir, `import-${i}.js`);
      const result = await build({
        ...slsBuildOptions(),
        stdin: { contents: entry.source, resolveDir: ROOT, loader: 'ts', sourcefile: `import-${i}.ts` },
        outfile,
        metafile: true,
        logLevel: 'silent',
        // Bundles that read the environment at load (the stock function) need none here.
      });
      return { outfile, bytes: Object.values(result.metafile!.outputs)[0]?.bytes ?? 0 };
    }),
  );
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: 'ap-northeast-2', KONAPLATE_SECRET_ID: 'x', KONAPLATE_BASE_URL: 'http://127.0.0.1:9/open-api', AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };
  const times = IMPORTS.map(() => [] as number[]);
  for (let run = 0; run < IMPORT_RUNS; run++) {
    for (let i = 0; i < IMPORTS.length; i++) {
      const { message } = await runNode<{ requireMs: number }>('require-time.cjs', { file: files[i]!.outfile }, env);
      times[i]!.push(message.requireMs);
    }
  }
  const empty = median(times[0]!);
  return IMPORTS.map((entry, i) => ({
    name: entry.name,
    bytes: files[i]!.bytes,
    requireMs: round(median(times[i]!), 2),
    beyondEmptyMs: round(median(times[i]!) - empty, 2),
  }));
}

async function unminified(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const op of OPS) {
    files[op.id] = path.join(OUT, 'profile', `gateway-${op.file}.js`);
    await bundleEntry(`functions/${op.file}.ts`, files[op.id]!, { minify: false });
  }
  return files;
}

function freshDir(name: string): string {
  const dir = path.join(PROFILES, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const cpuProfArgs = (dir: string) => ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100'];

async function coldProfiles(bundles: Record<string, string>, sandbox: SandboxProcess): Promise<Record<string, Attribution>> {
  const out: Record<string, Attribution> = {};
  for (const op of OPS) {
    const dir = freshDir(`cold-${op.id}`);
    for (let i = 0; i < COLD_RUNS; i++) {
      await coldStart(op, bundles[op.id]!, lambdaEnv(sandbox), 'gateway (profiled)', cpuProfArgs(dir));
    }
    out[op.id] = attribute(readdirSync(dir).map((f) => path.join(dir, f)), [bundles[op.id]!]);
  }
  return out;
}

async function warmProfiles(bundles: Record<string, string>, sandbox: SandboxProcess, secretFile: string): Promise<Record<string, Attribution & { calls: number }>> {
  const out: Record<string, Attribution & { calls: number }> = {};
  const calls = 600;
  for (const op of OPS) {
    const dir = freshDir(`warm-${op.id}`);
    await runNode(
      'warm.cjs',
      { variants: [{ name: 'gateway', kind: 'handler', op: op.id, bundle: bundles[op.id] }], event: { path: op.path, body: op.body }, warmup: 50, rounds: 1, perRound: calls, secretFile },
      lambdaEnv(sandbox),
      120_000,
      cpuProfArgs(dir),
    );
    const a = attribute(readdirSync(dir).map((f) => path.join(dir, f)), [bundles[op.id]!]);
    // Per call: the profile covers 1 + warmup + calls invocations plus the process's own start.
    out[op.id] = { ...a, calls };
  }
  return out;
}

/** The sandbox under load, profiled: what limits its requests per second. */
async function sandboxProfile(credentialsFile: string, secret: SecretJson): Promise<Record<string, Attribution & { requestsPerSecond: number }>> {
  const dir = freshDir('sandbox');
  const sandbox = await startSandbox(credentialsFile, cpuProfArgs(dir));
  const rates: Record<string, number> = {};
  try {
    for (const op of OPS) {
      const r = await loadSandbox(sandbox.platformUrl, secret, { path: op.path, encryptRequest: op.encryptRequest, body: op.body, concurrency: 32, durationMs: 3000 });
      rates[op.id] = Math.round(r.requestsPerSecond);
    }
  } finally {
    await sandbox.close();
  }
  const a = attribute(readdirSync(dir).map((f) => path.join(dir, f)), []);
  return { both: { ...a, requestsPerSecond: Object.values(rates).reduce((x, y) => x + y, 0) / OPS.length }, ...Object.fromEntries(OPS.map((op) => [op.id, { totalMs: 0, byPackage: [], byFunction: [], requestsPerSecond: rates[op.id]! }])) };
}

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(PROFILES, { recursive: true });
  const credentials = await generateSandboxCredentials();
  const temp = mkdtempSync(path.join(tmpdir(), 'konaplate-profile-'));
  const credentialsFile = path.join(temp, 'credentials.json');
  const secretFile = path.join(temp, 'secret.json');
  writeFileSync(credentialsFile, JSON.stringify({ credentials, secretId: 'konaplate/bench' }), { mode: 0o600 });
  writeFileSync(secretFile, JSON.stringify(credentials.clientSecret), { mode: 0o600 });

  log('1. import costs ...');
  let t = performance.now();
  const imports = await importCosts();
  log(`   ${msSince(t)} ms`);

  const bundles = await unminified();
  const micro = await bundleEntry('bench/micro.ts', path.join(OUT, 'profile', 'micro.js'));
  const sandbox = await startSandbox(credentialsFile);
  try {
    log('2. cold CPU profiles ...');
    t = performance.now();
    const cold = await coldProfiles(bundles, sandbox);
    log(`   ${msSince(t)} ms`);
    log('3. warm CPU profiles ...');
    t = performance.now();
    const warm = await warmProfiles(bundles, sandbox, secretFile);
    log(`   ${msSince(t)} ms`);
    log('4. parts one by one ...');
    t = performance.now();
    const parts = (await runNode<{ first: unknown[]; warm: unknown[] }>(micro.file, {}, lambdaEnv(sandbox, { BENCH_SECRET_FILE: secretFile }), 120_000)).message;
    log(`   ${msSince(t)} ms`);

    log('5. sandbox CPU profile under load ...');
    t = performance.now();
    const sandboxCpu = await sandboxProfile(credentialsFile, credentials.clientSecret as SecretJson);
    log(`   ${msSince(t)} ms`);

    const result = { generatedAt: new Date().toISOString(), node: process.version, loadAverage: loadavg().map((l) => round(l, 2)), imports, cold, warm, parts, sandbox: sandboxCpu };
    writeFileSync(path.join(ROOT, 'bench/profile.json'), `${JSON.stringify(result, null, 2)}\n`);

    const lines: string[] = [];
    lines.push(`Import cost (median of ${IMPORT_RUNS} fresh processes, minified bundle of that import alone)`);
    for (const i of imports) lines.push(`  ${i.beyondEmptyMs.toFixed(1).padStart(6)} ms  ${(i.bytes / 1024).toFixed(1).padStart(7)} KB  ${i.name}`);
    for (const op of OPS) {
      lines.push(`Cold start self time by package, ${op.id} (mean of ${COLD_RUNS} profiles, total ${cold[op.id]!.totalMs} ms of CPU)`);
      for (const p of cold[op.id]!.byPackage.slice(0, 14)) lines.push(`  ${p.ms.toFixed(1).padStart(7)} ms  ${p.name}`);
      lines.push(`  top functions: ${cold[op.id]!.byFunction.slice(0, 8).map((f) => `${f.name} ${f.ms} ms`).join('; ')}`);
    }
    for (const op of OPS) {
      const w = warm[op.id]!;
      lines.push(`Warm self time by package, ${op.id} (${w.calls} calls, total ${w.totalMs} ms ≈ ${(w.totalMs / w.calls).toFixed(3)} ms per call incl. start)`);
      for (const p of w.byPackage.slice(0, 16)) lines.push(`  ${((p.ms / w.calls) * 1000).toFixed(1).padStart(7)} µs/call  ${p.name}`);
      lines.push(`  top functions: ${w.byFunction.slice(0, 10).map((f) => `${f.name} ${((f.ms / w.calls) * 1000).toFixed(1)} µs`).join('; ')}`);
    }
    const fmt = (c: any) => `  ${c.wallMs.toFixed(4).padStart(9)} ms wall  ${c.cpuMs.toFixed(4).padStart(9)} ms CPU  ${c.name}`;
    lines.push('Once per container (first use)');
    for (const c of parts.first) lines.push(fmt(c));
    lines.push('Per call, warm');
    for (const c of parts.warm) lines.push(fmt(c));
    const sb = sandboxCpu.both!;
    lines.push(`Sandbox self time by file under load (${OPS.map((op) => `${op.id} ${sandboxCpu[op.id]!.requestsPerSecond} req/s`).join(', ')}; ${sb.totalMs} ms CPU in 6 s)`);
    for (const p of sb.byPackage.slice(0, 14)) lines.push(`  ${p.ms.toFixed(1).padStart(8)} ms  ${p.name}`);
    lines.push(`  top functions: ${sb.byFunction.slice(0, 12).map((f) => `${f.name} ${f.ms} ms`).join('; ')}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    log(`wrote bench/profile.json (${msSince(started)} ms)`);
  } finally {
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
