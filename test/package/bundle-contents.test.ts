/**
 * What no function may bundle (issue 8's budget): the TypeBox runtime and the catalog entries that
 * build TypeBox schemas (a function imports its compiled entry, lib/catalog/compiled/), `jose`
 * (the gateway's JWE is node:crypto's) and `lossless-json` (Node's own JSON keeps the digits).
 * Only money functions carry the ledger (lib/money/, the DynamoDB client). Every function is bundled
 * at once with serverless.yml's esbuild settings and its metafile read.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { slsEsbuildSettings } from '../../bench/support/build';
import { OPERATIONS } from '../../lib/catalog';
import { operationFileName } from '../../scripts/catalog-files';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = /node_modules\/(@sinclair\/typebox|jose|lossless-json)\/|^lib\/catalog\/(operations\/|index\.ts|validate\.ts|schema\.ts|fields\.ts)/;

it('no function bundles TypeBox, a TypeBox catalog entry, jose or lossless-json; only money functions bundle the ledger', async () => {
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
  // Only money functions carry the ledger (lib/money/ and the DynamoDB client).
  const ledgerCarriers = outputs
    .filter(([, output]) => Object.keys(output.inputs).some((input) => input.startsWith('lib/money/') || input.includes('node_modules/@aws-sdk/client-dynamodb/')))
    .map(([name]) => path.basename(name, '.js')).sort();
  expect(ledgerCarriers).toEqual(OPERATIONS.filter((op) => op.kind === 'money').map(operationFileName).sort());
}, 120_000);
