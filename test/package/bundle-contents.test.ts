/**
 * What no function may bundle (issue 8's budget): the TypeBox runtime and the catalog entries that
 * build TypeBox schemas (a function imports its compiled entry, lib/catalog/compiled/), `jose`
 * (the gateway's JWE is node:crypto's) and `lossless-json` (Node's own JSON keeps the digits).
 * Only money functions carry the ledger (lib/money/), and only they and the callback receiver (its
 * events table) the DynamoDB client; only the receiver the EventBridge and SQS clients. Every function
 * is bundled at once with serverless.yml's esbuild settings and its metafile read.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { slsEsbuildSettings } from '../../bench/support/build';
import { OPERATIONS } from '../../lib/catalog';
import { operationFileName } from '../../scripts/catalog-files';
import { SERVICE_FUNCTIONS } from '../../scripts/service-functions';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = /node_modules\/(@sinclair\/typebox|jose|lossless-json)\/|^lib\/catalog\/(operations\/|index\.ts|validate\.ts|schema\.ts|fields\.ts)|^lib\/callbacks\/catalog\.ts/;
const serviceFiles = new Set(SERVICE_FUNCTIONS.map((fn) => fn.file));

it('no function bundles TypeBox, a TypeBox catalog entry, jose or lossless-json; only money functions bundle the ledger, only the receiver the event hand-off', async () => {
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
  // Each operation holds exactly one compiled catalog entry of its own, plus its outcome inquiry's for
  // money operations; a service function holds none.
  for (const [name, output] of outputs) {
    const compiled = Object.keys(output.inputs).filter((input) => input.startsWith('lib/catalog/compiled/'));
    if (serviceFiles.has(path.basename(name, '.js'))) expect(compiled).toEqual([]);
    else expect(compiled).toContain(`lib/catalog/compiled/${path.basename(name)}`.replace(/\.js$/, '.ts'));
  }
  const carriers = (test: (input: string) => boolean) => outputs
    .filter(([, output]) => Object.keys(output.inputs).some(test))
    .map(([name]) => path.basename(name, '.js')).sort();
  const money = OPERATIONS.filter((op) => op.kind === 'money').map(operationFileName);
  expect(carriers((input) => input.startsWith('lib/money/'))).toEqual([...money].sort());
  expect(carriers((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toEqual([...money, ...serviceFiles].sort());
  expect(carriers((input) => /node_modules\/@aws-sdk\/client-(eventbridge|sqs)\/|^lib\/(events|callbacks)\//.test(input))).toEqual([...serviceFiles].sort());
}, 120_000);
