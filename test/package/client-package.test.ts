/**
 * `konaplate-gateway/client` as a caller gets it: a scratch TypeScript project that depends on this
 * repository resolves it through package.json "exports" to the built client, type-checks against its
 * declarations under strict settings (and the misuses it must refuse are refused), and its bundles
 * carry none of the gateway's runtime: no protocol, catalog, sandbox, Secrets Manager client, jose or
 * TypeBox; and no Lambda client unless the service itself invokes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scratchProject, type ScratchProject } from '../support/scratch-client';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
let project: ScratchProject;

beforeAll(async () => {
  project = await scratchProject();
});
afterAll(() => project?.remove());

const inputsOf = (entry: 'main' | 'http-only') => Object.keys(project.metafiles[entry].inputs);

/** What no caller bundle may carry: the gateway's runtime and its heavy libraries. */
const FORBIDDEN = [/lib\/protocol\//, /lib\/catalog\//, /lib\/(upstream|middleware|credentials|idempotency)\//, /(^|\/)sandbox\//, /@aws-sdk\/client-secrets-manager/, /@aws-sdk\/client-dynamodb/, /node_modules\/jose\//, /@sinclair\/typebox/, /@middy\//, /@aws-lambda-powertools\//];

it('resolves konaplate-gateway/client through "exports" to the built client', () => {
  expect(require.resolve('konaplate-gateway/client', { paths: [project.dir] })).toBe(path.join(ROOT, 'client/dist/index.js'));
});

it('packs what "exports" points at, though git ignores the build (a tarball or git install gets it)', () => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
  const files = new Set(packed[0]!.files.map((file) => file.path));
  const { exports } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: { './client': Record<string, string> } };
  for (const target of Object.values(exports['./client'])) expect(files).toContain(target.replace(/^\.\//, ''));
  // The caller gets the client, not the gateway's sources.
  expect([...files].filter((file) => /^(lib|sandbox|functions|scripts)\//.test(file))).toEqual([]);
});

it('type-checks the caller under strict settings; the misuses it must refuse are refused', () => {
  expect(project.typecheck()).toBe('');
});

it.each(['main', 'http-only'] as const)('bundles no gateway runtime into the %s service', (entry) => {
  const inputs = inputsOf(entry);
  expect(inputs.some((input) => input.endsWith('client/dist/index.js'))).toBe(true);
  expect(inputs.some((input) => input.includes('@smithy/signature-v4/'))).toBe(true);
  expect(inputs.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)))).toEqual([]);
  // The invoke transport loads the Lambda client at run time, so no bundle carries it.
  expect(inputs.filter((input) => input.includes('@aws-sdk/client-lambda'))).toEqual([]);
});
