/**
 * What no function may bundle (issue 8's budget): the TypeBox runtime and the catalog entries that
 * build TypeBox schemas (a function imports its compiled entry, lib/catalog/compiled/), `jose`
 * (the gateway's JWE is node:crypto's) and `lossless-json` (Node's own JSON keeps the digits).
 * Every function is bundled at once with serverless.yml's esbuild settings and its metafile read.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { slsEsbuildSettings } from '../../bench/support/build';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = /node_modules\/(@sinclair\/typebox|jose|lossless-json)\/|^lib\/catalog\/(operations\/|groups\/|index\.ts|validate\.ts|schema\.ts|fields\.ts)/;

it('no function bundles TypeBox, a TypeBox catalog entry, jose or lossless-json', async () => {
  const s = slsEsbuildSettings();
  const entries = readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts'));
  const result = await build({
    entryPoints: entries.map((f) => path.join(ROOT, 'functions', f)),
    outdir: path.join(ROOT, '.esbuild', 'bundle-contents'),
    write: false,
    bundle: s.bundle,
    minify: s.minify,
    format: s.format,
    target: s.target,
    platform: s.platform,
    mainFields: s.mainFields,
    external: s.external,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
  expect(outputs).toHaveLength(entries.length);
  const found = outputs.flatMap(([name, output]) => Object.keys(output.inputs).filter((input) => FORBIDDEN.test(input)).map((input) => `${path.basename(name)}: ${input}`));
  expect(found).toEqual([]);
  // Each function holds exactly one compiled catalog entry of its own, plus its outcome inquiry's for money operations.
  for (const [name, output] of outputs) {
    const compiled = Object.keys(output.inputs).filter((input) => input.startsWith('lib/catalog/compiled/'));
    expect(compiled).toContain(`lib/catalog/compiled/${path.basename(name)}`.replace(/\.js$/, '.ts'));
  }
}, 120_000);
