// `npm run build:client` (and `prepare`, so `npm ci` and a packed tarball have it): builds what
// `konaplate-gateway/client` resolves to (package.json "exports"): client/dist/index.js, one CommonJS
// file with the npm packages left as imports, and its type declarations under client/dist/types.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'client', 'dist');

export async function buildClient() {
  const { build } = await import('esbuild');
  // Built aside and moved into place, so a caller (or a test) never sees a half-built client.
  const staging = `${dist}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'client', 'index.ts')],
    outfile: path.join(staging, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Callers' services may still run Node 20 (ids beyond 2^53 then refused, never rounded: lib/json.ts).
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'client', 'tsconfig.build.json'), '--outDir', path.join(staging, 'types')], { cwd: root, stdio: 'inherit' });
  rmSync(dist, { recursive: true, force: true });
  renameSync(staging, dist);
  return dist;
}

/** `npm ci --omit=dev` has no esbuild or TypeScript to build with, and no use for the client: nothing to do. */
function buildToolsInstalled() {
  try {
    require.resolve('esbuild');
    require.resolve('typescript/bin/tsc');
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!buildToolsInstalled()) {
    console.log('client/dist: not built (esbuild and typescript, dev dependencies, are not installed)');
    process.exit(0);
  }
  buildClient().then(
    () => console.log('client/dist: built (package.json exports "./client")'),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
