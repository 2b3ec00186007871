/**
 * A caller's project, made from scratch in a temp dir: it depends on this repository
 * (`"konaplate-gateway": "file:<repo>"`, linked into node_modules as npm links a directory
 * dependency) and on what such a service has of its own (@types/node, and @aws-sdk/client-lambda for
 * the invoke transport), imports `konaplate-gateway/client` through package.json "exports" (the
 * built client/dist, `npm run build:client`), is type-checked by tsc under strict settings, and
 * bundled with esbuild as a Lambda-deployed service would be.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
// @ts-expect-error plain ESM script without types, shared with `npm run build:client`
import { buildClient } from '../../scripts/build-client.mjs';

const ROOT = path.resolve(__dirname, '../..');

/** A service that charges through the client: `node main.js <http|invoke> <url> <userId> <cardNo>`, one JSON line out. */
const MAIN = `import { KonaplateClient, KonaplateError, KonaplateNotFound, type ChargeRequest, type MoneyRetry } from 'konaplate-gateway/client';

const [transport, target, userIdText, cardNo] = process.argv.slice(2) as [string, string, string, string];
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const client =
  transport === 'http'
    ? new KonaplateClient({ transport: 'http', baseUrl: target, region: 'ap-northeast-2', credentials })
    : new KonaplateClient({ transport: 'invoke', functionPrefix: 'konaplate-gateway-local-', endpoint: target, region: 'ap-northeast-2', credentials });

async function main(): Promise<void> {
  const userId = BigInt(userIdText);
  const { oneTimeToken, dcvv } = await client.issueOneTimeToken({ cardNo });
  const retries: MoneyRetry[] = [];
  const request: ChargeRequest = { userId, amount: 1000, oneTimeToken, dcvv, merchantId: '410195430033901' };
  const charged = await client.charge(request, { backoff: { initialMs: 100 }, onRetry: (retry) => retries.push(retry) });
  const outcome: 'COMPLETED' = charged.outcome;
  let unknownMember: { name: string; platformCode: string | undefined } | undefined;
  try {
    await client.memberInfo({ userId: 9223372036854775807n });
  } catch (error) {
    if (!(error instanceof KonaplateNotFound)) throw error;
    unknownMember = { name: error.name, platformCode: error.platformCode };
  }
  console.log(JSON.stringify({
    outcome,
    sequenceId: charged.sequenceId,
    sequenceIdLength: charged.sequenceId.length,
    retriedWith: retries.map((retry) => (retry.reason === 'pending' ? 'pending' : retry.reason.name)),
    sameSequenceId: retries.every((retry) => retry.sequenceId === charged.sequenceId),
    unknownMember,
  }));
}

/** Never called: what the caller's compiler must refuse. */
export function misuses(c: KonaplateClient, e: KonaplateError): void {
  // @ts-expect-error amount is a number in the catalog
  void c.charge({ userId: 1, amount: '1000', oneTimeToken: '1', dcvv: '1', merchantId: '1' });
  // @ts-expect-error no such operation
  void c.memberInformation({ userId: 1 });
  // @ts-expect-error chargeByBankAccount is one attempt and needs its sequenceId
  void c.chargeByBankAccount({ userId: 1, amount: 1000, oneTimeToken: '1', dcvv: '1', merchantId: '1' });
  // @ts-expect-error platformCode is a string
  const code: number = e.platformCode;
  void code;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** An HTTP-only service: what it bundles is checked (no invoke client, none of the gateway's runtime). */
const HTTP_ONLY = `import { KonaplateClient } from 'konaplate-gateway/client';

export async function handler(event: { userId: string }) {
  const client = new KonaplateClient({ transport: 'http', baseUrl: 'https://abc.execute-api.ap-northeast-2.amazonaws.com', region: 'ap-northeast-2' });
  return client.memberInfo({ userId: BigInt(event.userId) });
}
`;

export interface ScratchProject {
  dir: string;
  /** The bundled service (main.ts), to run with node. */
  program: string;
  /** What esbuild put in each bundle, by entry: `main`, `http-only`. */
  metafiles: Record<'main' | 'http-only', Metafile>;
  /** tsc's output on the project (empty when it type-checks). */
  typecheck: () => string;
  remove: () => void;
}

function link(dir: string, name: string, target: string): void {
  const at = path.join(dir, 'node_modules', name);
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at, 'dir');
}

export async function scratchProject(): Promise<ScratchProject> {
  await buildClient();
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-caller-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'scratch-caller', private: true,
    dependencies: { 'konaplate-gateway': `file:${ROOT}`, '@aws-sdk/client-lambda': '3.1164.0' },
    devDependencies: { '@types/node': '22.20.5' },
  }, null, 2));
  link(dir, 'konaplate-gateway', ROOT);
  link(dir, '@aws-sdk/client-lambda', path.join(ROOT, 'node_modules/@aws-sdk/client-lambda'));
  link(dir, '@types/node', path.join(ROOT, 'node_modules/@types/node'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true,
      skipLibCheck: true, types: ['node'], lib: ['ES2022'], noUnusedLocals: true,
    },
    include: ['src'],
  }, null, 2));
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);
  writeFileSync(path.join(dir, 'src', 'http-only.ts'), HTTP_ONLY);

  const bundle = async (entry: string, outfile: string) =>
    (await build({ entryPoints: [path.join(dir, 'src', entry)], outfile: path.join(dir, 'dist', outfile), bundle: true, platform: 'node', format: 'cjs', target: 'node22', metafile: true, logLevel: 'silent', absWorkingDir: dir })).metafile;
  const metafiles = { main: await bundle('main.ts', 'main.js'), 'http-only': await bundle('http-only.ts', 'http-only.js') };
  return {
    dir,
    program: path.join(dir, 'dist', 'main.js'),
    metafiles,
    typecheck: () => {
      try {
        return execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error);
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
