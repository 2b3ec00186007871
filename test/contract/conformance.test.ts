/**
 * `npm run conformance` against the local sandbox (issue 12): an undrifted sandbox is reported as
 * the catalog says; a drifted one — the drifts the issue lists and others — has each drift named;
 * protocol refusals and unreached calls fail the run; what it saw feeds back into the catalog.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPERATIONS } from '../../lib/catalog';
import { checkObservationFile, citationsFrom, partSources } from '../../lib/catalog/observations';
import { stringifyJson } from '../../lib/protocol/json';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';
import type { Drift } from '../../sandbox/platform/drift';
import { main } from '../../scripts/conformance/cli';
import { startLocalSandbox, type LocalSandbox } from '../../scripts/conformance/local';
import { STEPS } from '../../scripts/conformance/plan';
import { markdownReport, observationFile } from '../../scripts/conformance/report';
import { exitCode, runConformance, type ConformanceReport, type OperationReport, type RunOptions } from '../../scripts/conformance/run';
import { openApiDocument } from '../../scripts/openapi-document';
import { operationsTable } from '../../scripts/readme-tables';

let local: LocalSandbox;

beforeAll(async () => {
  local = await startLocalSandbox();
});
afterAll(() => local.close());
beforeEach(() => local.platform.reset());

const run = (options: Partial<RunOptions> = {}) => runConformance({
  environment: { name: 'local sandbox', baseUrl: local.platform.url, local: true },
  store: local.store,
  testData: local.testData,
  money: true,
  ...options,
});
const drift = (operation: string, ...drifts: Drift[]) => drifts.forEach((d) => local.platform.drift.add({ drift: d, operations: [operation] }));
const reportOf = (report: ConformanceReport, id: string): OperationReport => report.operations.find((op) => op.operation === id)!;

describe('an undrifted sandbox', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    local.platform.reset();
    report = await run();
  });

  it('runs every planned operation through the gateway and finds each as the catalog says', () => {
    const planned = new Set(STEPS.map((step) => step.op.id));
    expect(report.summary).toMatchObject({ ran: planned.size, conformant: planned.size, differing: 0, refused: 0, unreached: 0 });
    for (const op of report.operations) {
      if (!planned.has(op.operation)) expect(op.skipped).toContain('no step planned');
    }
    expect(exitCode(report)).toBe(0);
    expect(exitCode(report, true)).toBe(0);
  });

  it('with --money runs a charge, a card payment, their cancels and the card balance refund, each accepted as the catalog says', () => {
    for (const id of ['chargeByBankAccount', 'paymentApprove', 'paymentCancel', 'cancelChargeByBankAccount', 'cardBalanceRefund']) {
      expect([id, reportOf(report, id)]).toEqual([id, expect.objectContaining({ ran: true, protocol: 'accepted', resultCode: '000_000', conformant: true })]);
    }
  });

  it('says per operation: reached, protocol, result code, the answer against the schema, encryption', () => {
    const memberInfo = reportOf(report, 'memberInfo');
    expect(memberInfo).toMatchObject({
      ran: true, reached: true, protocol: 'accepted', resultCode: '000_000', httpStatus: 200, codeListed: true, schemaChecked: true,
      schema: { missing: [], unknown: [], type: [], length: [], format: [], absentOptional: [] },
      encryption: { catalog: { request: true, response: true }, requestEncrypted: true, answerEncrypted: true },
      confirms: expect.arrayContaining(['path', 'request', 'response', 'encryption']),
    });
    expect(memberInfo.answerFields).toEqual(expect.arrayContaining(['userInfo', 'userInfo/userId', 'userInfo/ci']));
    // A listed refusal (the basic card is never renewed) is the catalog's picture too, but its answer says nothing of the schema.
    expect(reportOf(report, 'expiringCardRenewal')).toMatchObject({ protocol: 'accepted', resultCode: '003_009', codeListed: true, schemaChecked: false, conformant: true });
  });

  it('a markdown table with one row per catalog operation, and no field value anywhere', () => {
    const markdown = markdownReport(report);
    for (const op of OPERATIONS) expect(markdown).toContain(`| ${op.n} | \`${op.id}\` |`);
    const everything = markdown + stringifyJson(report) + stringifyJson(observationFile(report));
    const member = local.testData.member!;
    for (const value of [member.userName, member.account!.bankAccount, local.testData.physicalCard!.cardNo, local.testData.dormantMember!.ci]) {
      expect(everything).not.toContain(value);
    }
  });

  it('without --money, charges are not run; --reads-only writes nothing', async () => {
    local.platform.reset();
    const plain = await run({ money: false, only: ['financialInstitutionList', 'chargeByBankAccount', 'userRegister'] });
    expect(reportOf(plain, 'chargeByBankAccount')).toMatchObject({ ran: false, skipped: 'moves money: run with --money' });
    expect(reportOf(plain, 'userRegister').ran).toBe(true);
    const reads = await run({ money: false, readsOnly: true, only: ['financialInstitutionList', 'userRegister'] });
    expect(reportOf(reads, 'userRegister')).toMatchObject({ ran: false, skipped: 'a write: not run with --reads-only' });
    expect(reportOf(reads, 'financialInstitutionList').conformant).toBe(true);
  });
});

describe('a drifted sandbox: the report names each drift', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    local.platform.reset();
    // What the issue lists …
    drift('memberInfo', { kind: 'extra-field', field: 'userInfo/nickname', value: 'gildong' }, { kind: 'missing-field', field: 'userInfo/joinChannel' });
    drift('memberAuthInfo', { kind: 'missing-field' });
    drift('financialInstitutionList', { kind: 'renamed-field' });
    drift('taxDeductionStatus', { kind: 'result-code' });
    drift('termsAgreementUpdate', { kind: 'encrypted-answer' });
    drift('taxDeductionApply', { kind: 'time-zone', label: 'UTC' });
    // … and others.
    drift('cardVirtualAccountInquiry', { kind: 'retyped-field', field: 'bankCode' });
    drift('loginIdFind', { kind: 'overlong-field', field: 'loginId' });
    drift('cardDeliveryStatus', { kind: 'set-field', field: 'status', value: 'TELEPORTED' });
    drift('registeredBankAccountInfo', { kind: 'plain-answer' });
    drift('cardList', { kind: 'http-status', status: 201 });
    drift('memberPasswordVerify', { kind: 'result-code', code: '001_006', status: 404 });
    drift('cardTransactionHistory', { kind: 'missing-field', field: 'pageResponse/page' }, { kind: 'extra-field', field: 'pageResponse/pageNumber', value: 0 });
    drift('memberLookupByCi', { kind: 'result-code', code: '000_001', status: 500 });
    report = await run();
  });

  it.each<[string, string[]]>([
    ['memberInfo', ['unknown field userInfo/nickname']],
    ['memberAuthInfo', ['missing field isAuthed']],
    ['financialInstitutionList', ['missing field bankList', 'unknown field bankListRenamed']],
    ['taxDeductionStatus', ['result code 999_999 is in no table of the catalog']],
    ['termsAgreementUpdate', ['answer encrypted, the catalog says in clear']],
    ['taxDeductionApply', ['time zone: the answer is labelled UTC, the request KST', 'time created is 9.0 h before the request it records']],
    ['cardVirtualAccountInquiry', ['type bankCode: type string']],
    ['loginIdFind', ['length loginId: maxLength 80']],
    ['cardDeliveryStatus', ['format status: one of']],
    ['registeredBankAccountInfo', ['answer in clear, the catalog says encrypted']],
    ['cardList', ['HTTP 201 for 000_000, the catalog says 200']],
    ['memberPasswordVerify', ['HTTP 404 for 001_006, the catalog says 400']],
    ['cardTransactionHistory', ['missing field pageResponse/page', 'unknown field pageResponse/pageNumber']],
    ['memberLookupByCi', ['the platform failed: HTTP 500 000_001']],
  ])('%s', (id, expected) => {
    const op = reportOf(report, id);
    expect(op.conformant).toBe(false);
    for (const line of expected) expect(op.differences).toEqual(expect.arrayContaining([expect.stringContaining(line)]));
  });

  it('an optional field left out is not a difference, but the report shows it was not sent', () => {
    const memberInfo = reportOf(report, 'memberInfo');
    expect(memberInfo.schema!.absentOptional).toContain('userInfo/joinChannel');
    expect(memberInfo.differences).toEqual(['unknown field userInfo/nickname']);
    expect(markdownReport(report)).toContain('optional, not sent: userInfo/joinChannel');
  });

  it('leaves the operations that did not drift as the catalog says, and fails only with --fail-on-difference', () => {
    for (const id of ['userRegister', 'bankAccountInquiry', 'chargeByBankAccount', 'cardUserMapping']) expect(reportOf(report, id).conformant).toBe(true);
    expect(report.summary.differing).toBe(14);
    expect(report.summary.refused).toBe(0);
    expect(exitCode(report)).toBe(0);
    expect(exitCode(report, true)).toBe(1);
    expect(markdownReport(report)).toContain('- `memberAuthInfo` (/api/v1/user/deduction/info):\n  - missing field isAuthed');
  });

  it('what it saw feeds back into the catalog: observed parts cited by date and place, differing ones marked', () => {
    const seen = { ...observationFile(report), environment: 'test platform', local: false };
    const file = 'docs/observations/test-platform.json';
    const citations = citationsFrom([{ file, observations: checkObservationFile(JSON.parse(stringifyJson(seen)), file) }]);
    // userRegister: its encryption is designed, and the run saw it as the catalog says.
    const register = OPERATIONS.find((op) => op.id === 'userRegister')!;
    expect(register.documented.encryption).toBe(false);
    expect(partSources(register, citations).encryption).toEqual({ source: 'observed', citation: { observedOn: seen.observedOn, environment: 'test platform', file } });
    // memberAuthInfo: its answer is documented, and the run saw it differ.
    const authInfo = OPERATIONS.find((op) => op.id === 'memberAuthInfo')!;
    expect(partSources(authInfo, citations).response).toMatchObject({ source: 'differs', citation: { differences: ['missing field isAuthed'] } });

    const table = operationsTable(OPERATIONS, citations);
    expect(table).toContain(`| encryption (observed ${seen.observedOn}, test platform) |`);
    expect(table).toMatch(/`memberAuthInfo`.*\*\*response differs\*\* \(.*, test platform\)/);
    const doc = openApiDocument(OPERATIONS, citations) as { paths: Record<string, { post: Record<string, unknown> }> };
    expect(doc.paths[register.path]!.post['x-observed']).toEqual([
      { part: 'encryption', as: 'catalog', observedOn: seen.observedOn, environment: 'test platform', file, text: `observed on ${seen.observedOn} in test platform` },
    ]);
    // Without observations the same parts are "designed".
    expect(operationsTable(OPERATIONS, {})).not.toContain('(observed');
    expect(operationsTable(OPERATIONS, {})).toContain('| write | encryption |');
  });

  it('observations of the local sandbox are refused as evidence', () => {
    expect(() => checkObservationFile(observationFile(report), 'docs/observations/local.json')).toThrow('observed on the local sandbox, which proves nothing about the platform');
  });
});

describe('what fails a run', () => {
  it('a protocol refusal: exit 1, naming the code', async () => {
    local.platform.reset();
    drift('financialInstitutionList', { kind: 'result-code', code: '000_104', status: 401 });
    const report = await run({ only: ['financialInstitutionList'] });
    expect(reportOf(report, 'financialInstitutionList')).toMatchObject({ protocol: 'refused', resultCode: '000_104', httpStatus: 401 });
    expect(reportOf(report, 'financialInstitutionList').differences![0]).toMatch(/^protocol refused: HTTP 401 000_104/);
    expect(exitCode(report)).toBe(1);
  });

  it('a platform that cannot be reached: exit 1, saying so', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
    await new Promise((resolve) => closed.close(resolve));
    const report = await run({ environment: { name: 'nowhere', baseUrl: `http://127.0.0.1:${port}/open-api`, local: true }, only: ['financialInstitutionList'], timeoutMs: 2000 });
    expect(reportOf(report, 'financialInstitutionList')).toMatchObject({ ran: true, reached: false, conformant: false });
    expect(reportOf(report, 'financialInstitutionList').failure).toMatch(/ECONNREFUSED|connect/);
    expect(exitCode(report)).toBe(1);
  });
});

describe('the command', () => {
  let secrets: SecretsManagerHandle;
  let dir: string;
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);

  beforeAll(async () => {
    const secret = await local.store.get();
    secrets = await startSecretsManager({ secrets: { 'konaplate/conformance': stringifyJson(secret) } });
    Object.assign(process.env, { AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'ap-northeast-2' });
    dir = mkdtempSync(path.join(tmpdir(), 'conformance-'));
    writeFileSync(path.join(dir, 'secret.json'), stringifyJson(secret));
    writeFileSync(path.join(dir, 'test-data.json'), stringifyJson(local.testData));
  });
  afterAll(async () => {
    await secrets.close();
    // It holds a secret with private keys (the sandbox's): gone with the test.
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    lines.length = 0;
    local.platform.reset();
  });

  it('reads the credentials from Secrets Manager, writes the JSON and markdown reports and the observations', async () => {
    const out = path.join(dir, 'sm');
    const code = await main(['--base-url', local.platform.url, '--secret-id', 'konaplate/conformance', '--test-data', path.join(dir, 'test-data.json'),
      '--out', out, '--observations', path.join(out, 'seen.json')], say);
    expect(code).toBe(0);
    expect(secrets.callsFor('konaplate/conformance')).toBeGreaterThanOrEqual(1);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as ConformanceReport;
    expect(report.environment).toEqual({ name: 'local sandbox', baseUrl: local.platform.url, local: true });
    expect(report.summary.differing).toBe(0);
    expect(readFileSync(path.join(out, path.format({ name: 'report', ext: '.md' })), 'utf8')).toContain('# KONA PLATE conformance: local sandbox');
    expect(JSON.parse(readFileSync(path.join(out, 'seen.json'), 'utf8'))).toMatchObject({ kind: 'konaplate-observations', local: true });
    expect(lines.at(-2)).toMatch(/^\d+ of \d+ run: \d+ as the catalog says, 0 differing/);
  });

  it('reads the credentials from a local file in the secret\'s shape', async () => {
    const code = await main(['--base-url', local.platform.url, '--credentials', path.join(dir, 'secret.json'), '--only', 'financialInstitutionList', '--out', path.join(dir, 'file')], say);
    expect(code).toBe(0);
  });

  it.each<[string[], string]>([
    [['--secret-id', 'x'], 'give --base-url (or KONAPLATE_BASE_URL), or --local'],
    [['--base-url', 'http://platform.example/open-api', '--secret-id', 'x'], 'must use https:'],
    [['--base-url', 'https://platform.example/open-api', '--secret-id', 'x', '--credentials', 'y'], 'give --secret-id or --credentials, not both'],
    [['--local', '--money', '--reads-only'], '--money and --reads-only exclude each other'],
    [['--local', '--timeout-ms', '5'], '--timeout-ms must be an integer of at least 1000'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('refuses %j with exit 2, saying why', async (argv, message) => {
    expect(await main(argv, say)).toBe(2);
    expect(lines[0]).toContain(message);
  });

  it('names the field of bad test data before sending anything', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ member: { userName: '가', birthDate: '19901301', gender: 'Male' } }));
    const before = local.platform.requests.size;
    expect(await main(['--base-url', local.platform.url, '--credentials', path.join(dir, 'secret.json'), '--test-data', bad], say)).toBe(2);
    expect(lines[0]).toBe(`conformance: ${bad}: member/birthDate: format date8`);
    expect(local.platform.requests.size).toBe(before);
  });
});
