/**
 * esbuild with the very settings serverless.yml gives serverless-esbuild (custom.esbuild), read
 * from the file rather than copied, so the stock and floor bundles are built exactly like ours
 * (AS_USUAL below: the ones that leave out the gateway's `alias` and `supported`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import yaml from 'js-yaml';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface SlsEsbuildSettings {
  bundle: boolean;
  minify: boolean;
  format: 'cjs' | 'esm';
  target: string;
  platform: 'node';
  mainFields: string[];
  sourcemap: boolean;
  external: string[];
  /** Module substitutions (the SDK's credential chain, lib/aws-credentials.ts), paths as in the file. */
  alias: Record<string, string>;
  /** Syntax esbuild must lower (`dynamic-import: false`: import() of a built-in becomes require()). */
  supported: Record<string, boolean>;
}

/** custom.esbuild of serverless.yml, with serverless-esbuild's defaults for what it leaves out. */
export function slsEsbuildSettings(file = path.join(ROOT, 'serverless.yml')): SlsEsbuildSettings {
  // Variables like ${env:...} elsewhere in the file are plain strings to js-yaml; custom.esbuild has none.
  const doc = yaml.load(readFileSync(file, 'utf8')) as { custom?: { esbuild?: Record<string, unknown> } };
  const raw = doc.custom?.esbuild ?? {};
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const record = <T>(value: unknown, of: (item: unknown) => T): Record<string, T> =>
    value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, of(item)])) : {};
  return {
    bundle: raw.bundle !== false,
    minify: raw.minify === true,
    format: raw.format === 'esm' ? 'esm' : 'cjs',
    target: typeof raw.target === 'string' ? raw.target : 'node18',
    platform: 'node',
    mainFields: list(raw.mainFields),
    sourcemap: raw.sourcemap === true,
    // serverless-esbuild: external + exclude (its default exclude ['aws-sdk'] is overridden by the file).
    external: [...list(raw.external), ...(Array.isArray(raw.exclude) ? list(raw.exclude) : ['aws-sdk'])],
    alias: record(raw.alias, String),
    supported: record(raw.supported, (value) => value === true),
  };
}

export interface BuiltBundle {
  file: string;
  bytes: number;
  metafile: Metafile;
}

/** esbuild's options for those settings: every build of the bench and the package tests starts from these. */
export function slsBuildOptions(): BuildOptions {
  const s = slsEsbuildSettings();
  return {
    bundle: s.bundle,
    minify: s.minify,
    format: s.format,
    target: s.target,
    platform: s.platform,
    ...(s.mainFields.length > 0 && { mainFields: s.mainFields }),
    sourcemap: s.sourcemap,
    external: s.external,
    alias: s.alias,
    supported: s.supported,
    absWorkingDir: ROOT,
  };
}

/**
 * Overrides for the stock and the floors as anyone would bundle them: serverless.yml's esbuild settings
 * without the gateway's two bundling choices (the SDK's credential chain swapped for
 * lib/aws-credentials.ts, and import() of a built-in turned into require()). floor(sdk,gw) keeps them,
 * as the gateway's yardstick bundled exactly like it.
 */
export const AS_USUAL: Partial<BuildOptions> = { alias: {}, supported: {} };

/** Bundles one entry to outFile with the serverless settings; `overrides` only for profiling builds. */
export async function bundleEntry(entry: string, outFile: string, overrides: Partial<BuildOptions> = {}): Promise<BuiltBundle> {
  const result = await build({
    ...slsBuildOptions(),
    entryPoints: [path.resolve(ROOT, entry)],
    outfile: outFile,
    metafile: true,
    logLevel: 'silent',
    ...overrides,
  });
  const metafile = result.metafile!;
  const output = Object.entries(metafile.outputs).find(([name]) => !name.endsWith('.map'));
  return { file: outFile, bytes: output ? output[1].bytes : 0, metafile };
}

/** The package an esbuild input path belongs to: "@scope/name", "name", or the repo folder ("lib", "bench"). */
export function packageOf(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const first = parts[nm + 1] ?? '?';
    return first.startsWith('@') ? `${first}/${parts[nm + 2] ?? '?'}` : first;
  }
  if (input.startsWith('lib/')) return parts.slice(0, 2).join('/');
  return parts[0] ?? input;
}

/** Bytes in the output per package, largest first. */
export function bytesByPackage(metafile: Metafile): Array<{ name: string; bytes: number }> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + info.bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Bytes in the output per input file matching `test`. */
export function bytesOfInputs(metafile: Metafile, test: (input: string) => boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) if (test(input)) out[input] = (out[input] ?? 0) + info.bytesInOutput;
  }
  return out;
}
