/**
 * The metrics line each invocation prints (CloudWatch embedded metric format, the observability
 * contract): namespace, the two dimension sets, names, units and values for a success, a refusal, a
 * retry, a secret refetch, an outcome_unknown with its inquiries, a ledger replay, a cold start;
 * and a metrics failure that leaves the answer alone.
 */
import type * as PowertoolsMetrics from '@aws-lambda-powertools/metrics';
import type * as Catalog from '../../lib/catalog';
import type * as Credentials from '../../lib/credentials';
import type * as Gateway from '../../lib/gateway-handler';
import type * as Money from '../../lib/money/handler';
import type * as Ledgers from '../../lib/money/ledger';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { httpEvent, lambdaContext } from '../support/lambda-context';

interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [key: string]: unknown;
}

const MEMBER = 50000104652;
const SETTLE_MS = 300;

interface Container {
  catalog: typeof Catalog;
  gateway: typeof Gateway;
  credentials: typeof Credentials;
  money: typeof Money;
  ledgers: typeof Ledgers;
  powertools: typeof PowertoolsMetrics;
}

let credentials: SandboxCredentials;
let platform: PlatformHandle;
let container: Container;

/** Loads the gateway as a new container does: environment first, then its modules (a registry of their own). */
function loadContainer(env: Record<string, string>): Container {
  const before = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let loaded!: Container;
  jest.isolateModules(() => {
    loaded = {
      catalog: require('../../lib/catalog'),
      gateway: require('../../lib/gateway-handler'),
      credentials: require('../../lib/credentials'),
      money: require('../../lib/money/handler'),
      ledgers: require('../../lib/money/ledger'),
      powertools: require('@aws-lambda-powertools/metrics'),
    };
  });
  for (const [key, value] of Object.entries(before)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return loaded;
}

const storeOf = (secret: () => string, c: Container = container) =>
  new c.credentials.CredentialStore({ secretId: 'metrics', fetchSecret: async () => secret() });

beforeAll(async () => {
  credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  platform.state.payments.pendingDelayMs = 200;
  // Like a local harness: no initialisation type, so this container never counts a cold start.
  container = loadContainer({ KONAPLATE_STAGE: 'test' });
});
afterAll(() => platform.close());
beforeEach(() => platform.faults.clear());

function handlerFor(op: keyof typeof Catalog & Catalog.Operation['id'], deps: Money.MoneyDependencies = {}, c: Container = container) {
  const store = storeOf(() => stringifyJson(credentials.clientSecret), c);
  const entry = c.catalog[op] as Catalog.Operation;
  const all = { store: () => store, baseUrl: () => platform.url, ...deps };
  return entry.kind === 'money' ? c.money.moneyHandler(entry, all) : c.gateway.gatewayHandler(entry, all);
}

/** The metrics lines printed while `run` runs (its result or error kept). */
async function metricLines(run: () => Promise<unknown>): Promise<{ lines: EmfLine[]; result?: unknown; error?: any }> {
  const spy = jest.spyOn(process.stdout, 'write');
  let outcome: { result?: unknown; error?: any };
  try {
    outcome = { result: await run() };
  } catch (error) {
    outcome = { error };
  }
  const lines = spy.mock.calls.map(([chunk]) => String(chunk)).filter((text) => text.startsWith('{"_aws"')).map((text) => JSON.parse(text) as EmfLine);
  spy.mockRestore();
  return { lines, ...outcome };
}

const values = (line: EmfLine, name: string): number[] => {
  const value = line[name];
  return value === undefined ? [] : Array.isArray(value) ? (value as number[]) : [value as number];
};
const sum = (line: EmfLine, name: string) => values(line, name).reduce((a, b) => a + b, 0);
const names = (line: EmfLine) => line._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name).sort();

const DURATIONS = new Set(['Latency', 'PlatformLatency']);

/** What every line must be, whatever happened: the contract's namespace, dimension sets and units, no other keys. */
function expectContractShape(line: EmfLine, operation: string): void {
  expect(line._aws.CloudWatchMetrics).toHaveLength(1);
  const directive = line._aws.CloudWatchMetrics[0]!;
  expect(directive.Namespace).toBe('KonaplateGateway');
  expect(directive.Dimensions.map((set) => set.join('+')).sort()).toEqual(['stage', 'stage+operation']);
  expect(line.stage).toBe('test');
  expect(line.operation).toBe(operation);
  for (const metric of directive.Metrics) {
    expect([metric.Name, metric.Unit]).toEqual([metric.Name, DURATIONS.has(metric.Name) ? 'Milliseconds' : 'Count']);
    expect(values(line, metric.Name).length).toBeGreaterThan(0);
  }
  // Nothing but the two dimensions and the metrics: no request value, no secret.
  expect(Object.keys(line).sort()).toEqual(['_aws', 'operation', 'stage', ...directive.Metrics.map((m) => m.Name)].sort());
  expect(values(line, 'Invocations')).toEqual([1]);
  expect(values(line, 'Latency')).toHaveLength(1);
  expect(values(line, 'Latency')[0]).toBeGreaterThan(0);
}

it('counts a cold start on the container\'s first invocation only', async () => {
  const inquiry = handlerFor('bankAccountInquiry', {}, loadContainer({ KONAPLATE_STAGE: 'test', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }));
  const first = await metricLines(() => inquiry({ userId: MEMBER }, lambdaContext() as never));
  const second = await metricLines(() => inquiry({ userId: MEMBER }, lambdaContext() as never));
  expect(first.lines).toHaveLength(1);
  expect(values(first.lines[0]!, 'ColdStart')).toEqual([1]);
  expect(second.lines).toHaveLength(1);
  expect(names(second.lines[0]!)).not.toContain('ColdStart');
});

it('does not count a provisioned-concurrency container\'s first invocation as a cold start', async () => {
  const provisioned = loadContainer({ KONAPLATE_STAGE: 'test', AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' });
  const { lines } = await metricLines(() => handlerFor('bankAccountInquiry', {}, provisioned)({ userId: MEMBER }, lambdaContext() as never));
  expect(names(lines[0]!)).not.toContain('ColdStart');
});

it('writes one line for a success: invocation, latency, the platform call and its result code', async () => {
  const { lines, result } = await metricLines(() => handlerFor('bankAccountInquiry')({ userId: MEMBER }, lambdaContext() as never));
  expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expectContractShape(line, 'bankAccountInquiry');
  expect(names(line)).toEqual(['Invocations', 'Latency', 'PlatformCalls', 'PlatformCode_000_000', 'PlatformLatency', 'Success']);
  expect(values(line, 'Success')).toEqual([1]);
  expect(values(line, 'PlatformCalls')).toEqual([1]);
  expect(values(line, 'PlatformLatency')[0]).toBeLessThanOrEqual(values(line, 'Latency')[0]!);
  expect(JSON.stringify(line)).not.toContain(String(MEMBER));
});

it('counts a platform refusal by its error kind and result code (an HTTP call answered 404)', async () => {
  const { lines, result } = await metricLines(() =>
    handlerFor('bankAccountInquiry')(httpEvent(container.catalog.bankAccountInquiry.path, '{"userId":7}') as never, lambdaContext() as never));
  expect(result).toMatchObject({ statusCode: 404 });
  const line = lines[0]!;
  expectContractShape(line, 'bankAccountInquiry');
  expect(names(line)).toEqual(['Error_not_found', 'Invocations', 'Latency', 'PlatformCalls', 'PlatformCode_001_006', 'PlatformLatency']);
});

it('counts a refused request that never reached the platform: no platform call', async () => {
  const { lines, error } = await metricLines(() => handlerFor('bankAccountInquiry')({ userId: -1 }, lambdaContext() as never));
  expect(error.name).toBe('KonaplateInvalidRequest');
  expectContractShape(lines[0]!, 'bankAccountInquiry');
  expect(names(lines[0]!)).toEqual(['Error_invalid_request', 'Invocations', 'Latency']);
});

it('counts each retry and each attempt of a read that succeeded on its third', async () => {
  platform.faults.schedule('bankAccountInquiry', { type: 'status', status: 503, commit: false }, 2);
  const { lines, result } = await metricLines(() => handlerFor('bankAccountInquiry')({ userId: MEMBER }, lambdaContext() as never));
  expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
  const line = lines[0]!;
  expectContractShape(line, 'bankAccountInquiry');
  expect(sum(line, 'Retries')).toBe(2);
  expect(values(line, 'PlatformCalls')).toEqual([1, 1, 1]);
  expect(values(line, 'PlatformLatency')).toHaveLength(3);
  expect(sum(line, 'PlatformCode_000_001')).toBe(2);
  expect(sum(line, 'PlatformCode_000_000')).toBe(1);
  expect(sum(line, 'Success')).toBe(1);
});

it('counts the secret refetch after the platform refused the credentials (rotation)', async () => {
  const rotated = await generateSandboxCredentials();
  const rotatedPlatform = await startPlatform({ project: { ...credentials.project, secretKey: rotated.project.secretKey } });
  try {
    let secret = credentials.clientSecret;
    let baseUrl = platform.url;
    const store = storeOf(() => stringifyJson(secret));
    const inquiry = container.gateway.gatewayHandler(container.catalog.bankAccountInquiry, { store: () => store, baseUrl: () => baseUrl });
    await inquiry({ userId: MEMBER }, lambdaContext() as never);
    secret = { ...credentials.clientSecret, secretKey: rotated.project.secretKey };
    baseUrl = rotatedPlatform.url;
    const { lines, result } = await metricLines(() => inquiry({ userId: MEMBER }, lambdaContext() as never));
    expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
    const line = lines[0]!;
    expectContractShape(line, 'bankAccountInquiry');
    expect(sum(line, 'SecretRefetches')).toBe(1);
    expect(sum(line, 'Retries')).toBe(1);
    expect(sum(line, 'PlatformCode_000_104')).toBe(1);
    expect(sum(line, 'PlatformCode_000_000')).toBe(1);
    expect(sum(line, 'PlatformCalls')).toBe(2);
  } finally {
    await rotatedPlatform.close();
  }
});

describe('a money operation', () => {
  let charge: ReturnType<typeof handlerFor>;
  let token: ReturnType<typeof handlerFor>;

  beforeAll(() => {
    const ledger = new container.ledgers.MemoryLedger();
    charge = handlerFor('chargeByBankAccount', { ledger: () => ledger, settleMs: () => SETTLE_MS });
    token = handlerFor('issueOneTimeToken');
  });

  async function chargeRequest(sequenceId: string) {
    const card = platform.state.member(BigInt(MEMBER))!.cards[0]!;
    const { oneTimeToken, dcvv } = (await token({ cardNo: card.cardNo }, lambdaContext() as never)) as { oneTimeToken: string; dcvv: string };
    return { sequenceId, userId: MEMBER, amount: 1000, oneTimeToken, dcvv, merchantId: '410195430033901' };
  }

  it('counts outcome_unknown with its outcome inquiries, then the ledger replay that settles it', async () => {
    const request = await chargeRequest('MT-UNKNOWN');
    platform.faults.schedule('chargeByBankAccount', { type: 'drop', commit: false });
    const first = await metricLines(() => charge(request, lambdaContext(2500) as never));
    expect(first.error.name).toBe('KonaplateOutcomeUnknown');
    expect(first.lines).toHaveLength(1);
    const lost = first.lines[0]!;
    expectContractShape(lost, 'chargeByBankAccount');
    expect(values(lost, 'Error_outcome_unknown')).toEqual([1]);
    const inquiries = sum(lost, 'OutcomeInquiries');
    expect(inquiries).toBeGreaterThanOrEqual(1);
    // The charge itself, then one platform call per inquiry.
    expect(sum(lost, 'PlatformCalls')).toBe(1 + inquiries);
    expect(names(lost)).not.toContain('LedgerReplays');
    expect(JSON.stringify(lost)).not.toContain('MT-UNKNOWN');

    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
    const later = await metricLines(() => charge(request, lambdaContext(2500) as never));
    expect(later.error.name).toBe('KonaplateRejected');
    const replay = later.lines[0]!;
    expectContractShape(replay, 'chargeByBankAccount');
    expect(values(replay, 'LedgerReplays')).toEqual([1]);
    expect(sum(replay, 'OutcomeInquiries')).toBe(1);
    expect(sum(replay, 'PlatformCalls')).toBe(1);
    expect(values(replay, 'Error_rejected')).toEqual([1]);
  });

  it('counts a repeated charge answered from the ledger, with no platform call', async () => {
    const request = await chargeRequest('MT-REPLAY');
    await charge(request, lambdaContext() as never);
    const { lines, result } = await metricLines(() => charge(request, lambdaContext() as never));
    expect(result).toMatchObject({ outcome: 'COMPLETED' });
    expectContractShape(lines[0]!, 'chargeByBankAccount');
    expect(names(lines[0]!)).toEqual(['Invocations', 'Latency', 'LedgerReplays', 'Success']);
  });
});

it('still answers when the metrics cannot be written, says so, and starts the next line afresh', async () => {
  const inquiry = handlerFor('bankAccountInquiry');
  const publish = jest.spyOn(container.powertools.Metrics.prototype, 'publishStoredMetrics').mockImplementationOnce(() => {
    throw new Error('stdout closed');
  });
  const stdout = jest.spyOn(process.stdout, 'write');
  const stderr = jest.spyOn(process.stderr, 'write');
  try {
    expect(await inquiry({ userId: MEMBER }, lambdaContext() as never)).toMatchObject({ isAutoRcgAccRegAllowed: true });
    const printed = [...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk));
    expect(printed.filter((text) => text.startsWith('{"_aws"'))).toEqual([]);
    expect(printed.some((text) => text.includes('"metrics not published"') && text.includes('stdout closed'))).toBe(true);
  } finally {
    publish.mockRestore();
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const next = await metricLines(() => inquiry({ userId: MEMBER }, lambdaContext() as never));
  expectContractShape(next.lines[0]!, 'bankAccountInquiry');
  expect(values(next.lines[0]!, 'PlatformCalls')).toEqual([1]);
});
