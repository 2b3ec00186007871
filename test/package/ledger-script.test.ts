/**
 * `npm run ledger -- open` against a local DynamoDB (dynalite), as the local stack's (`--local`) and as
 * a stage's table (`--stage`, the AWS SDK's own endpoint and credentials): the open records, oldest
 * first, with their age; never a request's facts or answer; a clear usage line otherwise.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { DynamoLedger } from '../../lib/money/dynamodb-ledger';
import { ledgerTarget, openRecordsTable } from '../../scripts/ledger-listing';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';

const ROOT = path.resolve(__dirname, '../..');
const PAR = 'V001ABCDEF0123456789ABCDEF0';
let local: LocalDynamo;
let stage: LocalDynamo;

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [require.resolve('tsx/cli'), 'scripts/ledger.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code: number }).code) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  [local, stage] = await Promise.all([startLocalDynamo('konaplate-idempotency'), startLocalDynamo('konaplate-gateway-qa-idempotency')]);
  const now = Date.now();
  const ledger = new DynamoLedger(local.table, local.client);
  await ledger.claim({ id: 'paymentApprove#PY-OLD', requestHash: 'h', owner: 'a', leaseUntil: now - 1, createdAt: now - (2 * 24 + 3) * 3600_000, facts: JSON.stringify({ par: PAR, amount: 1200 }) });
  await ledger.markSent('paymentApprove#PY-OLD', 'a', now - (2 * 24 + 3) * 3600_000 + 20);
  await ledger.finish('paymentApprove#PY-OLD', 'a', 'UNKNOWN');
  await ledger.claim({ id: 'chargeByBankAccount#CH-NOW', requestHash: 'h', owner: 'b', leaseUntil: now + 60_000, createdAt: now - 90_000 });
  await ledger.claim({ id: 'cardBalanceRefund#RF-DONE', requestHash: 'h', owner: 'c', leaseUntil: now, createdAt: now - 10 * 3600_000 });
  await ledger.finish('cardBalanceRefund#RF-DONE', 'c', 'DONE', '{"ok":true,"data":{"nrNumber":"KMN261201000000001"}}');
  await new DynamoLedger(stage.table, stage.client).claim({ id: 'paymentCancel#KMN261201000000009', requestHash: 'h', owner: 'd', leaseUntil: now, createdAt: now - 5 * 60_000 });
}, 30_000);
afterAll(async () => {
  await Promise.all([local?.close(), stage?.close()]);
});

it('--local lists the local stack\'s open records, oldest first: operation, key, state, age, sent at; nothing of the request', async () => {
  const { code, stdout, stderr } = await run(['open', '--local'], { DYNAMODB_PORT: new URL(local.url).port });
  expect([code, stderr]).toEqual([0, '']);
  const lines = stdout.trimEnd().split('\n');
  expect(lines[0]).toBe('2 open money records in konaplate-idempotency, 1 open for more than a day');
  expect(lines[1]).toMatch(/^operation\s+key\s+state\s+age\s+sent at \(UTC\)$/);
  expect(lines[2]).toMatch(/^paymentApprove\s+PY-OLD\s+UNKNOWN\s+2d 3h\s+\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  expect(lines[3]).toMatch(/^chargeByBankAccount\s+CH-NOW\s+IN_FLIGHT\s+1m\s+never$/);
  expect(lines).toHaveLength(4);
  expect(stdout).not.toContain(PAR);
  expect(stdout).not.toContain('1200');
});

it('--stage reads that stage\'s table with the AWS SDK\'s own settings', async () => {
  const { code, stdout } = await run(['open', '--stage', 'qa'], {
    AWS_ENDPOINT_URL_DYNAMODB: stage.url, AWS_REGION: 'ap-northeast-2', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', KONAPLATE_IDEMPOTENCY_TABLE: '',
  });
  expect(code).toBe(0);
  expect(stdout.split('\n').slice(0, 1)).toEqual(['1 open money record in konaplate-gateway-qa-idempotency']);
  expect(stdout).toMatch(/paymentCancel\s+KMN261201000000009\s+IN_FLIGHT\s+5m\s+never/);
});

it('says how to call it, and what went wrong with the table, in one line', async () => {
  const wrong = [[], ['list'], ['open'], ['open', '--stage'], ['open', '--stage', 'qa', '--local'], ['open', '--stage', 'local'], ['open', '--everything']];
  const answers = await Promise.all(wrong.map((args) => run(args, {})));
  for (const [i, { code, stdout, stderr }] of answers.entries()) {
    expect([wrong[i], code, stdout]).toEqual([wrong[i], 2, '']);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^npm run ledger: .*(usage: npm run ledger -- open|use --local)/)]);
  }
  const missing = await run(['open', '--stage', 'gone'], { AWS_ENDPOINT_URL_DYNAMODB: stage.url, AWS_REGION: 'ap-northeast-2', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  expect([missing.code, missing.stderr.trim()]).toEqual([1, expect.stringMatching(/^npm run ledger: ResourceNotFoundException: /)]);
});

it('names the stage\'s table as serverless.yml does, or as KONAPLATE_IDEMPOTENCY_TABLE says', () => {
  expect(ledgerTarget(['open', '--stage', 'prod', '--region', 'ap-northeast-2'], {})).toEqual({ table: 'konaplate-gateway-prod-idempotency', region: 'ap-northeast-2' });
  expect(ledgerTarget(['open', '--stage', 'prod'], { KONAPLATE_IDEMPOTENCY_TABLE: 'restored' })).toEqual({ table: 'restored' });
  expect(ledgerTarget(['open', '--local'], {})).toEqual({ table: 'konaplate-idempotency', endpoint: 'http://127.0.0.1:4569', region: 'ap-northeast-2' });
  expect(openRecordsTable('t', [], Date.now())).toEqual(['0 open money records in t']);
});
