/**
 * What no function may bundle (issue 8's budget): the TypeBox runtime and the catalog entries that
 * build TypeBox schemas (a function imports its compiled entry, lib/catalog/compiled/), `jose`
 * (the gateway's JWE is node:crypto's) and `lossless-json` (Node's own JSON keeps the digits).
 * Only money functions and the ledger sweeper carry the ledger (lib/money/, the DynamoDB client); only
 * the sweeper carries EventBridge. Every function is bundled at once with serverless.yml's esbuild
 * settings and its metafile read.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { slsEsbuildSettings } from '../../bench/support/build';
import { OPERATIONS } from '../../lib/catalog';
import { operationFileName } from '../../scripts/catalog-files';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = /node_modules\/(@sinclair\/typebox|jose|lossless-json)\/|^lib\/catalog\/(operations\/|index\.ts|validate\.ts|schema\.ts|fields\.ts)/;

const SWEEPER = 'lib/reconciler/handler.ts';

it('no function bundles TypeBox, a TypeBox catalog entry, jose or lossless-json; only money functions and the sweeper bundle the ledger', async () => {
  const s = slsEsbuildSettings();
  const entries = [...readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts')).map((f) => `functions/${f}`), SWEEPER];
  const result = await build({
    entryPoints: entries.map((f) => path.join(ROOT, f)),
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
  const compiledOf = (output: (typeof outputs)[number][1]) => Object.keys(output.inputs).filter((input) => input.startsWith('lib/catalog/compiled/')).sort();
  const sweeper = outputs.find(([, output]) => output.entryPoint === SWEEPER)![1];
  // Each function holds its own compiled catalog entry (plus, for money operations, the read that learns a lost outcome).
  for (const [name, output] of outputs) {
    if (output === sweeper) continue;
    expect(compiledOf(output)).toContain(`lib/catalog/compiled/${path.basename(name)}`.replace(/\.js$/, '.ts'));
  }
  // The sweeper holds the money operations' compiled entries and their reads, nothing else of the catalog.
  const money = OPERATIONS.filter((op) => op.kind === 'money');
  const reads = money.map((op) => (op.money!.outcome.by === 'inquiry' ? op.money!.outcome.inquiry : op.money!.outcome.history));
  expect(compiledOf(sweeper)).toEqual([...new Set([...money, ...reads].map((op) => `lib/catalog/compiled/${operationFileName(op)}.ts`))].sort());
  // Only money functions and the sweeper carry the ledger (lib/money/ and the DynamoDB client); only the sweeper EventBridge.
  const carriers = (pattern: (input: string) => boolean) => outputs
    .filter(([, output]) => Object.keys(output.inputs).some(pattern))
    .map(([, output]) => output.entryPoint!).sort();
  expect(carriers((input) => input.startsWith('lib/money/') || input.includes('node_modules/@aws-sdk/client-dynamodb/')))
    .toEqual([...money.map((op) => `functions/${operationFileName(op)}.ts`), SWEEPER].sort());
  expect(carriers((input) => input.includes('node_modules/@aws-sdk/client-eventbridge/'))).toEqual([SWEEPER]);
}, 120_000);
