/**
 * `npm run conformance -- <options>`: one command that tells, operation by operation, where the
 * catalog's picture of KONA PLATE is right and where it is not, against any environment given a
 * base URL and credentials (when to run it: README.md § Going live). --help lists the options.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CredentialStore } from '../../lib/credentials/store';
import { fetchSecretString } from '../../lib/credentials/secrets-manager';
import { stringifyJson } from '../../lib/protocol/json';
import { platformBaseUrl } from '../../lib/upstream/transport';
import { startLocalSandbox, storeOf } from './local';
import { markdownReport, observationFile } from './report';
import { exitCode, runConformance, type Environment } from './run';
import { readTestData } from './test-data';

export const USAGE = `npm run conformance -- [options]

Where and as whom (one of):
  --base-url <url>           the environment's base URL with /open-api (default KONAPLATE_BASE_URL),
                             e.g. https://sandbox.konaplate.com/open-api
    --secret-id <id>         credentials from this Secrets Manager secret (default KONAPLATE_SECRET_ID)
    --credentials <file>     credentials from a local JSON file in the secret's shape (README.md § Configuration)
  --local                    the local sandbox, started for the run, with its own credentials and test data

What to run:
  --test-data <file>         who to sign up, the portal's bank account, cards, merchant (README.md § Going live);
                             without it only what needs no test data runs
  --money                    also charge, cancel the charge and set a threshold top-up (moves money)
  --reads-only               only reads: sign nobody up, write nothing
  --only <id,id,…>           only these operations (steps that need an earlier one's answer then say so)
  --timeout-ms <n>           budget of one call (default 15000)

What to write:
  --environment <name>       where this is, for the report and observations (default: the host)
  --out <dir>                where report.json and its markdown twin go (default .local/conformance)
  --observations <file>      what was seen, for the catalog to cite (docs/observations/, then npm run generate)
  --fail-on-difference       exit 1 on any difference, not only on protocol refusals and unreached calls

Exit status: 0 when every call run was reached and accepted by the protocol; 1 otherwise (or with
--fail-on-difference, when anything differs); 2 when the options or inputs are wrong.`;

class UsageError extends Error {}

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        'base-url': { type: 'string' }, 'secret-id': { type: 'string' }, credentials: { type: 'string' }, local: { type: 'boolean' },
        'test-data': { type: 'string' }, money: { type: 'boolean' }, 'reads-only': { type: 'boolean' }, only: { type: 'string' },
        'timeout-ms': { type: 'string' }, environment: { type: 'string' }, out: { type: 'string' }, observations: { type: 'string' },
        'fail-on-difference': { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

interface Target {
  environment: Environment;
  store: CredentialStore;
  testData: ReturnType<typeof readTestData>;
  close?: () => Promise<void>;
}

async function target(options: ReturnType<typeof parse>): Promise<Target> {
  if (options.local) {
    if (options['base-url'] || options['secret-id'] || options.credentials) throw new UsageError('--local starts its own sandbox: leave out --base-url, --secret-id and --credentials');
    const given = options['test-data'] ? readTestData(options['test-data']) : undefined;
    const local = await startLocalSandbox();
    return { environment: { name: options.environment ?? 'local sandbox', baseUrl: local.platform.url, local: true }, store: local.store, testData: given ?? local.testData, close: local.close };
  }
  const baseUrl = options['base-url'] ?? process.env.KONAPLATE_BASE_URL;
  if (!baseUrl) throw new UsageError('give --base-url (or KONAPLATE_BASE_URL), or --local');
  const url = platformBaseUrl(baseUrl);
  if (options['secret-id'] && options.credentials) throw new UsageError('give --secret-id or --credentials, not both');
  const secretId = options['secret-id'] ?? (options.credentials ? undefined : process.env.KONAPLATE_SECRET_ID);
  let store: CredentialStore;
  if (options.credentials) store = storeOf(options.credentials, readFileSync(options.credentials, 'utf8'));
  else if (secretId) store = new CredentialStore({ secretId, fetchSecret: fetchSecretString });
  else throw new UsageError('give --secret-id (or KONAPLATE_SECRET_ID) or --credentials <file>');
  const local = LOOPBACK.test(url.hostname);
  const testData = options['test-data'] ? readTestData(options['test-data']) : {};
  return { environment: { name: options.environment ?? (local ? 'local sandbox' : url.host), baseUrl, local }, store, testData };
}

const MARKDOWN_REPORT = path.format({ name: 'report', ext: '.md' });

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

/** Runs the command; resolves to its exit status. */
export async function main(argv: readonly string[], say: (line: string) => void = (line) => console.log(line)): Promise<number> {
  let options: ReturnType<typeof parse>;
  let chosen: Target;
  try {
    options = parse(argv);
    if (options.help) {
      say(USAGE);
      return 0;
    }
    if (options.money && options['reads-only']) throw new UsageError('--money and --reads-only exclude each other');
    const timeout = options['timeout-ms'] === undefined ? undefined : Number(options['timeout-ms']);
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1000)) throw new UsageError('--timeout-ms must be an integer of at least 1000');
    chosen = await target(options);
  } catch (error) {
    say(`conformance: ${(error as Error).message}`);
    if (error instanceof UsageError) say('npm run conformance -- --help lists the options');
    return 2;
  }
  try {
    const report = await runConformance({
      environment: chosen.environment,
      store: chosen.store,
      testData: chosen.testData,
      money: options.money ?? false,
      readsOnly: options['reads-only'] ?? false,
      ...(options.only && { only: options.only.split(',').map((id) => id.trim()).filter(Boolean) }),
      ...(options['timeout-ms'] && { timeoutMs: Number(options['timeout-ms']) }),
      say,
    });
    const out = options.out ?? path.join('.local', 'conformance');
    write(path.join(out, 'report.json'), `${stringifyJson(report, 2)}\n`);
    write(path.join(out, MARKDOWN_REPORT), markdownReport(report));
    if (options.observations) write(options.observations, `${stringifyJson(observationFile(report), 2)}\n`);
    const { summary } = report;
    say(`${summary.ran} of ${summary.operations} run: ${summary.conformant} as the catalog says, ${summary.differing} differing (${summary.refused} refused, ${summary.unreached} not reached), ${summary.skipped} not run`);
    say(`report: ${path.join(out, MARKDOWN_REPORT)} and report.json${options.observations ? `; observations: ${options.observations}` : ''}`);
    return exitCode(report, options['fail-on-difference'] ?? false);
  } catch (error) {
    say(`conformance: ${(error as Error).message}`);
    return 2;
  } finally {
    await chosen.close?.();
  }
}
