/**
 * What a new user sees when a setting is missing: `serverless package` / `deploy` stop before
 * bundling anything, with one line naming the setting (deploy/konaplate-plugin.ts). The Framework
 * itself runs here, offline; the checks stop it before any AWS call.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kp-refused-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  /** The lines the Framework prints after `Error:`. */
  errorLines: string[];
  packaged: boolean;
}

/** Runs the Framework with only the given settings in its environment. */
function serverless(args: string[], settings: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings };
  for (const name of ['KONAPLATE_BASE_URL', 'KONAPLATE_SECRET_ID']) if (!(name in settings)) delete env[name];
  const packageDir = path.join(dir, `p${Math.random().toString(16).slice(2)}`);
  return new Promise((resolve) => {
    const packageOption = args[0] === 'package' ? ['--package', packageDir] : [];
    execFile(process.execPath, [require.resolve('serverless/bin/serverless.js'), ...args, ...packageOption], { cwd: ROOT, env }, (error, stdout) => {
      const lines = stdout.split('\n');
      const start = lines.indexOf('Error:');
      resolve({
        code: error ? Number((error as { code?: number }).code ?? 1) : 0,
        errorLines: start < 0 ? [] : lines.slice(start + 1).filter((line) => line.trim() !== ''),
        packaged: existsSync(packageDir),
      });
    });
  });
}

const HTTPS = { KONAPLATE_BASE_URL: 'https://openapi.konaplate.example/open-api' };

it('refuses, each in one line naming the setting, before packaging anything', async () => {
  const runs = await Promise.all([
    serverless(['package', '--stage', 'prod']),
    serverless(['package', '--stage', 'prod'], HTTPS),
    serverless(['package', '--stage', 'prod'], { KONAPLATE_BASE_URL: 'http://openapi.konaplate.example/open-api', KONAPLATE_SECRET_ID: 'konaplate/prod' }),
    serverless(['package', '--stage', 'prod'], { ...HTTPS, KONAPLATE_SECRET_ID: 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:konaplate/prod' }),
    serverless(['package', '--stage', 'prod', '--param', 'secretId=konaplate/prod', '--param', 'alarmTopicArn=oncall'], HTTPS),
  ]);
  expect(runs.map((run) => [run.code, run.packaged, run.errorLines])).toEqual([
    [1, false, ["Missing setting for stage prod: KONAPLATE_BASE_URL (or --param baseUrl=…), the platform's https base URL including /open-api"]],
    [1, false, ['Missing setting for stage prod: KONAPLATE_SECRET_ID (or --param secretId=…), the name or full ARN of the credentials secret (`npm run secret` creates it)']],
    [1, false, ['KONAPLATE_BASE_URL (or --param baseUrl=…) for stage prod must be an https URL including /open-api, not "http://openapi.konaplate.example/open-api"']],
    [1, false, ['KONAPLATE_SECRET_ID (or --param secretId=…) is an ARN but not a full secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>): give the full ARN or the name']],
    [1, false, ['--param alarmTopicArn=… must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<topic>)']],
  ]);
});

it('refuses a stage that would push a function name past 64 characters, and never deploys the local stage', async () => {
  const [tooLong, local, localFunction] = await Promise.all([
    serverless(['package', '--stage', 'production-east'], { ...HTTPS, KONAPLATE_SECRET_ID: 'konaplate/prod' }),
    serverless(['deploy']),
    serverless(['deploy', 'function', '--function', 'memberInfo', '--stage', 'local']),
  ]);
  expect([tooLong.code, tooLong.packaged, tooLong.errorLines]).toEqual([1, false, [
    'Stage "production-east" is too long: function name konaplate-gateway-production-east-autoRechargeAccountRegistration would be 65 characters, Lambda allows 64 (use a stage of at most 14 characters)',
  ]]);
  for (const run of [local, localFunction]) {
    expect([run.code, run.errorLines]).toEqual([1, [
      'Stage "local" runs offline only and is never deployed: deploy with --stage <name> (e.g. prod) and that stage\'s settings (README "Deploy to AWS")',
    ]]);
  }
});
