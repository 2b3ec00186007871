/**
 * What no function may bundle (issue 8's budget): the TypeBox runtime and the catalog entries that
 * build TypeBox schemas (a function imports its compiled entry, lib/catalog/compiled/), `jose`
 * (the gateway's JWE is node:crypto's) and `lossless-json` (Node's own JSON keeps the digits).
 * Only money functions and the ledger sweeper carry the ledger (lib/money/); they and the callback
 * receiver (its events table) the DynamoDB client; only the receiver and the sweeper the event hand-off
 * (lib/events, the EventBridge and SQS clients). No function carries the SDK's default credential
 * chain (lib/aws-credentials.ts stands in for it) or an import() of a Node built-in. Every function
 * is bundled at once with serverless.yml's esbuild settings and its metafile read.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildResult, type Metafile } from 'esbuild';
import { slsBuildOptions } from '../../bench/support/build';
import { OPERATIONS } from '../../lib/catalog';
import { operationFileName } from '../../scripts/catalog-files';
import { SERVICE_FUNCTIONS } from '../../scripts/service-functions';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = /node_modules\/(@sinclair\/typebox|jose|lossless-json)\/|^lib\/catalog\/(operations\/|index\.ts|validate\.ts|schema\.ts|fields\.ts)|^lib\/callbacks\/catalog\.ts/;
const serviceFiles = new Set(SERVICE_FUNCTIONS.map((fn) => fn.file));

const SWEEPER = 'ledger-sweeper';
const RECEIVER = 'konaplate-callback';

const entries = readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts'));
let result: BuildResult<{ metafile: true; write: false }>;
let outputs: Array<[string, Metafile['outputs'][string]]>;

beforeAll(async () => {
  result = await build({
    ...slsBuildOptions(),
    entryPoints: entries.map((f) => path.join(ROOT, 'functions', f)),
    outdir: path.join(ROOT, '.esbuild', 'bundle-contents'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
}, 120_000);

it('no function bundles TypeBox, a TypeBox catalog entry, jose or lossless-json; only money functions and the sweeper bundle the ledger, only the receiver and the sweeper the event hand-off', () => {
  expect(outputs).toHaveLength(entries.length);
  const found = outputs.flatMap(([name, output]) => Object.keys(output.inputs).filter((input) => FORBIDDEN.test(input)).map((input) => `${path.basename(name)}: ${input}`));
  expect(found).toEqual([]);
  const compiledOf = (output: (typeof outputs)[number][1]) => Object.keys(output.inputs).filter((input) => input.startsWith('lib/catalog/compiled/')).sort();
  const money = OPERATIONS.filter((op) => op.kind === 'money');
  // Each operation holds its own compiled catalog entry (plus, for money operations, the read that
  // learns a lost outcome); the receiver none; the sweeper the money operations' and their reads'.
  for (const [name, output] of outputs) {
    const file = path.basename(name, '.js');
    if (file === RECEIVER) expect(compiledOf(output)).toEqual([]);
    else if (file !== SWEEPER) expect(compiledOf(output)).toContain(`lib/catalog/compiled/${file}.ts`);
  }
  const sweeper = outputs.find(([name]) => path.basename(name, '.js') === SWEEPER)![1];
  const reads = money.map((op) => (op.money!.outcome.by === 'inquiry' ? op.money!.outcome.inquiry : op.money!.outcome.history));
  expect(compiledOf(sweeper)).toEqual([...new Set([...money, ...reads].map((op) => `lib/catalog/compiled/${operationFileName(op)}.ts`))].sort());
  const carriers = (test: (input: string) => boolean) => outputs
    .filter(([, output]) => Object.keys(output.inputs).some(test))
    .map(([name]) => path.basename(name, '.js')).sort();
  const moneyFiles = money.map(operationFileName);
  expect(carriers((input) => input.startsWith('lib/money/'))).toEqual([...moneyFiles, SWEEPER].sort());
  expect(carriers((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toEqual([...moneyFiles, ...serviceFiles].sort());
  expect(carriers((input) => /node_modules\/@aws-sdk\/client-(eventbridge|sqs)\/|^lib\/events\//.test(input))).toEqual([...serviceFiles].sort());
  expect(carriers((input) => input.startsWith('lib/callbacks/'))).toEqual([RECEIVER]);
});

it('every function reads AWS credentials from its environment (lib/aws-credentials.ts), never through the SDK\'s default chain, and requires Node\'s built-ins instead of import()ing them', () => {
  const DEFAULT_CHAIN = /node_modules\/@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|login)|nested-clients|token-providers)\/|node_modules\/@smithy\/credential-provider-imds\//;
  const chained = outputs.flatMap(([name, output]) => Object.keys(output.inputs).filter((input) => DEFAULT_CHAIN.test(input)).map((input) => `${path.basename(name)}: ${input}`));
  expect(chained).toEqual([]);
  expect(outputs.filter(([, output]) => !Object.keys(output.inputs).includes('lib/aws-credentials.ts')).map(([name]) => path.basename(name))).toEqual([]);
  // import() of a built-in reads every export of its ES module facade (node:http's loads undici).
  const texts = result.outputFiles.filter((file) => file.path.endsWith('.js')).map((file) => ({ name: path.basename(file.path), text: file.text }));
  expect(texts.filter(({ text }) => /\bimport\(\s*["'`]/.test(text)).map(({ name }) => name)).toEqual([]);
});
