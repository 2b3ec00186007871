/**
 * `serverless offline` (npm start, the end-to-end tests): every function bundled by ONE esbuild build
 * with many entry points, instead of serverless-esbuild's one build per function. The 49 bundles
 * share the parsing of lib/ and the AWS SDK: ~2 s instead of ~12 s on a 2-core machine
 * (README "The local stack"). Same entries, same options (custom.esbuild), same output folder
 * (.esbuild/.build), so serverless-offline runs the same code; `package` and `deploy` are untouched
 * and still bundle each function on its own.
 *
 * serverless-esbuild then skips the functions (its documented per-function `skipEsbuild`) and
 * keeps its part of the offline start (the folder serverless-offline loads from). A change to a
 * source file rebuilds the bundles (esbuild watch) and tells serverless-offline to reload them,
 * as serverless-esbuild's own watch did.
 */
import type * as Esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

// A plain Node require: through tsx's scoped require (deploy/konaplate-plugin.js), esbuild would
// look for its binary under a path with tsx's query string appended.
const plainRequire = createRequire(path.join(__dirname, '..', 'package.json'));
const esbuild = plainRequire('esbuild') as typeof Esbuild;

interface FunctionDefinition {
  handler?: string;
  skipEsbuild?: boolean;
}

export interface OfflineServerless {
  config: { serviceDir: string };
  service: {
    custom: { esbuild?: Record<string, unknown> };
    provider: { name: string; runtime?: string };
    functions: Record<string, FunctionDefinition>;
  };
  pluginManager: { spawn(event: string): Promise<void> };
}

/** serverless-esbuild's own options, which esbuild does not take (its bundle.js strips the same list). */
const PLUGIN_ONLY = new Set([
  'concurrency', 'zipConcurrency', 'exclude', 'nativeZip', 'packager', 'packagePath', 'watch', 'keepOutputDirectory',
  'packagerOptions', 'installExtraArgs', 'outputFileExtension', 'outputBuildFolder', 'outputWorkFolder', 'nodeExternals',
  'skipBuild', 'skipRebuild', 'skipBuildExcludeFns', 'stripEntryResolveExtensions', 'disposeContext', 'config',
]);

// serverless-esbuild resolves a handler to its source file; the same function keeps the entries identical.
const { extractFunctionEntries } = plainRequire('serverless-esbuild/dist/helper') as {
  extractFunctionEntries(cwd: string, provider: string, functions: Record<string, FunctionDefinition>, resolveExtensions?: string[]): Array<{ entry: string }>;
};

/** The build options serverless-esbuild would use for each function, for all of them at once. */
export function offlineBuildOptions(serverless: OfflineServerless): Esbuild.BuildOptions & { entryPoints: string[] } {
  const { serviceDir } = serverless.config;
  const { custom, provider, functions } = serverless.service;
  const configured = Object.fromEntries(Object.entries(custom.esbuild ?? {}).filter(([key]) => !PLUGIN_ONLY.has(key)));
  const exclude = (custom.esbuild?.exclude as string[] | undefined) ?? ['aws-sdk'];
  const nodeFunctions = Object.fromEntries(Object.entries(functions).filter(([, fn]) => typeof fn.handler === 'string'));
  const entries = extractFunctionEntries(serviceDir, provider.name, nodeFunctions, configured.resolveExtensions as string[] | undefined);
  return {
    bundle: true,
    platform: 'node',
    ...configured,
    // As serverless-esbuild: the runtime's Node version unless custom.esbuild names a target.
    target: (configured.target as string | undefined) ?? `node${/\d+/.exec(provider.runtime ?? '')?.[0] ?? '20'}`,
    external: [...((configured.external as string[] | undefined) ?? []), ...(exclude.includes('*') ? [] : exclude)],
    entryPoints: [...new Set(entries.map(({ entry }) => entry))],
    outdir: path.join(serviceDir, '.esbuild', '.build'),
    outbase: serviceDir,
    logLevel: 'warning',
  };
}

/** Bundles every function once and hands serverless-esbuild nothing left to build. Resolves to a stop function. */
export async function bundleForOffline(serverless: OfflineServerless): Promise<() => Promise<void>> {
  let firstBuild: (result: Esbuild.BuildResult) => void;
  const built = new Promise<Esbuild.BuildResult>((resolve) => {
    firstBuild = resolve;
  });
  let builds = 0;
  const reload: Esbuild.Plugin = {
    name: 'konaplate-offline-reload',
    setup(build) {
      build.onEnd(async (result) => {
        builds += 1;
        if (builds === 1) firstBuild(result);
        else if (result.errors.length === 0) await serverless.pluginManager.spawn('offline:functionsUpdated');
      });
    },
  };
  const context = await esbuild.context({ ...offlineBuildOptions(serverless), plugins: [reload] });
  // watch() builds once, then again on every change of a file the bundles read.
  await context.watch();
  const result = await built;
  if (result.errors.length > 0) {
    await context.dispose();
    throw new Error(`esbuild failed: ${result.errors[0]!.text}`);
  }
  for (const fn of Object.values(serverless.service.functions)) if (typeof fn.handler === 'string') fn.skipEsbuild = true;
  return () => context.dispose();
}
