/**
 * One `serverless package --stage prod` with a deployed stage's settings (offline, no AWS account),
 * then everything an operator relies on is read from what it made:
 *
 * - one zip per catalog operation, each loading as Lambda loads it and answering a direct invoke
 *   against the sandbox: a typed result or a typed platform refusal, never a crash; and the callback
 *   receiver's, taking a signed callback onto a local bus and refusing a forged one;
 * - the CloudFormation template: least-privilege roles, the secret's ARN, the retained ledger and
 *   events table, the one public route, asynchronous retries and the failure queue, logs, tracing,
 *   alarms, throttling, its size;
 * - cfn-lint finds no error in it.
 *
 * The run switches the Step Functions example on (param stepFunctionsExample), so the one package
 * checks it too; test/unit/state-machine.test.ts checks that it is off by default.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { OPERATIONS } from '../../lib/catalog';
import type { Operation } from '../../lib/catalog/types';
import { stringifyJson } from '../../lib/protocol/json';
import { sampleOf } from '../../scripts/openapi-document';
import { SERVICE_FUNCTIONS } from '../../scripts/service-functions';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { startEventBridge, type EventBridgeHandle } from '../../sandbox/aws/eventbridge';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';
import { startSqs, type SqsHandle } from '../../sandbox/aws/sqs';
import { apiEvent } from '../support/callback-receiver';
import { callbackRequest, chargeSettledBody } from '../support/callback-requests';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';
import { lambdaContext } from '../support/lambda-context';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');

/** The settings of the packaged stage, as an operator gives them (env and --param). */
const SETTINGS = {
  baseUrl: 'https://openapi.konaplate.example/open-api',
  secretArn: 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:konaplate/prod-AbCdEf',
  kmsKeyArn: 'arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  topicArn: 'arn:aws:sns:ap-northeast-2:123456789012:konaplate-oncall',
  reservedConcurrency: 20,
};

interface Resource {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

let out: string;
/** The packaging's own temp directory (TMPDIR), to see what it leaves there. */
let packagingTmp: string;
let templateText: string;
let resources: Record<string, Resource>;
let platform: PlatformHandle;
let secrets: SecretsManagerHandle;
let dynamo: LocalDynamo;
let eventBridge: EventBridgeHandle;
let sqs: SqsHandle;
let credentials: SandboxCredentials;

/** Every function the template holds: one per catalog operation, and the service functions (the callback receiver, the ledger sweeper). */
const FUNCTION_COUNT = OPERATIONS.length + SERVICE_FUNCTIONS.length;
const serviceFunction = (file: string) => SERVICE_FUNCTIONS.find((fn) => fn.file === file)!;
const RECEIVER = serviceFunction('konaplate-callback');
const SWEEPER = serviceFunction('ledger-sweeper');

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functionOf = (op: Pick<Operation, 'id'>) => ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.FunctionName === `konaplate-gateway-prod-${op.id}`)!;
const receiver = () => functionOf({ id: RECEIVER.key });
const sweeper = () => functionOf({ id: SWEEPER.key });

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'kp-package-'));
  packagingTmp = mkdtempSync(path.join(tmpdir(), 'kp-package-tmp-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: packagingTmp, KONAPLATE_BASE_URL: SETTINGS.baseUrl, KONAPLATE_SECRET_ID: SETTINGS.secretArn };
  delete env.KONAPLATE_IDEMPOTENCY_TABLE;
  execFileSync(process.execPath, [
    require.resolve('serverless/bin/serverless.js'), 'package', '--stage', 'prod', '--package', out,
    '--param', `secretKmsKeyArn=${SETTINGS.kmsKeyArn}`, '--param', `alarmTopicArn=${SETTINGS.topicArn}`,
    '--param', `reservedConcurrency=${SETTINGS.reservedConcurrency}`, '--param', 'stepFunctionsExample=true',
  ], { cwd: ROOT, stdio: 'pipe', env });
  templateText = readFileSync(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8');
  resources = JSON.parse(templateText).Resources;

  credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  secrets = await startSecretsManager({ secrets: { 'konaplate/packaged': stringifyJson(credentials.clientSecret) } });
  dynamo = await startLocalDynamo('packaged-idempotency', ['packaged-events']);
  eventBridge = await startEventBridge({ buses: ['packaged-bus'] });
  sqs = await startSqs({ queues: ['packaged-failures'] });
  // The zips read their configuration at run time: point them at the sandbox.
  Object.assign(process.env, {
    KONAPLATE_BASE_URL: platform.url,
    KONAPLATE_SECRET_ID: 'konaplate/packaged',
    KONAPLATE_IDEMPOTENCY_TABLE: dynamo.table,
    KONAPLATE_EVENTS_TABLE: 'packaged-events',
    KONAPLATE_EVENT_BUS: 'packaged-bus',
    KONAPLATE_FAILURE_QUEUE_URL: sqs.queueUrl('packaged-failures'),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.url,
    AWS_ENDPOINT_URL_SQS: sqs.url,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'ap-northeast-2',
  });
});

afterAll(async () => {
  await Promise.all([platform?.close(), secrets?.close(), dynamo?.close(), eventBridge?.close(), sqs?.close()]);
  rmSync(out, { recursive: true, force: true });
  rmSync(packagingTmp, { recursive: true, force: true });
});

describe('the zips', () => {
  it('packages one zip per catalog operation and service function, and nothing else', () => {
    const zips = readdirSync(out).filter((name) => name.endsWith('.zip')).sort();
    expect(zips).toEqual([...OPERATIONS.map((op) => `${op.id}.zip`), ...SERVICE_FUNCTIONS.map((fn) => `${fn.key}.zip`)].sort());
  });

  it('leaves nothing in the temp directory but tsx\'s compile cache (serverless-esbuild\'s zip staging folders are removed)', () => {
    expect(readdirSync(packagingTmp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
  });

  it('the callback receiver\'s zip takes a signed callback onto the bus once and refuses a forged one, with no platform call', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${RECEIVER.key}.zip`)));
    const [name] = Object.keys(zip.files).filter((file) => !zip.files[file]!.dir);
    const file = path.join(out, RECEIVER.key, name!);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await zip.files[name!]!.async('nodebuffer'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(file) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const context = lambdaContext(8000, `konaplate-gateway-prod-${RECEIVER.key}`);
    const before = platform.requests.size;
    const good = await callbackRequest(credentials, chargeSettledBody({ sequenceId: 'PACKAGED001' }), { sealWith: 0 });
    const forged = await callbackRequest(credentials, chargeSettledBody(), { secretKey: 'forged' });
    const answers = [];
    for (const request of [good, good, forged]) answers.push(await handler(apiEvent(Buffer.from(request.body), request.headers, false), context));
    expect(answers.map((answer) => [answer.statusCode, JSON.parse(answer.body).response.code])).toEqual([[200, '000_000'], [401, '000_111'], [401, '000_104']]);
    expect(eventBridge.events('packaged-bus').map((event) => (event.Detail as { eventKey: string }).eventKey)).toEqual(['charge.settled#chargeByBankAccount#PACKAGED001#COMPLETED']);
    expect(platform.requests.size).toBe(before);
  });

  it.each(OPERATIONS.map((op) => [op.id, op] as const))('%s: the zip loads and answers a direct invoke', async (id, op) => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${id}.zip`)));
    const files = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
    expect(files).toHaveLength(1);
    const dir = path.join(out, id);
    mkdirSync(path.join(dir, 'functions'), { recursive: true });
    const file = path.join(dir, files[0]!);
    writeFileSync(file, await zip.files[files[0]!]!.async('nodebuffer'));
    // Only its own operation's catalog entry is in the bundle.
    const source = readFileSync(file, 'utf8');
    const read = op.money && (op.money.outcome.by === 'inquiry' ? op.money.outcome.inquiry : op.money.outcome.history);
    for (const other of OPERATIONS) if (other.id !== id && other !== read) expect(source.includes(`"${other.path}"`)).toBe(false);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(file) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    const before = platform.requests.size;
    let outcome: string;
    try {
      await handler(sampleOf(op.request), lambdaContext(8000, `konaplate-gateway-prod-${id}`));
      outcome = 'ok';
    } catch (error) {
      outcome = (error as Error).name;
    }
    // A success or the platform's typed refusal of made-up data: it reached the platform and came back typed
    // (a payment's made-up card: the platform would not show its history, so the payment was never sent).
    expect(['ok', 'KonaplateNotFound', 'KonaplateConflict', 'KonaplateRejected', 'KonaplateInvalidInput', ...(op.money?.gatewayOnly ? ['KonaplateInvalidRequest'] : [])]).toContain(outcome);
    expect(platform.requests.size).toBeGreaterThan(before);
  });

  it('ledgerSweeper: the zip loads and sweeps the ledger the money zips wrote', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${SWEEPER.key}.zip`)));
    const [name] = Object.keys(zip.files).filter((file) => !zip.files[file]!.dir);
    expect(name).toBe(`functions/${SWEEPER.file}.js`);
    const file = path.join(out, SWEEPER.key, name!);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await zip.files[name!]!.async('nodebuffer'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(file) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    const report = (await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, lambdaContext(60_000, 'konaplate-gateway-prod-ledgerSweeper'))) as Record<string, number>;
    expect(report).toEqual({ open: expect.any(Number), settled: expect.any(Number), events: 0, stillOpen: report.open! - report.settled!, openOverADay: 0, errors: 0 });
  });
});

/** Every IAM statement of the template, with the resource that holds it. */
function statements(): Array<{ holder: string; statement: Record<string, any> }> {
  const found: Array<{ holder: string; statement: Record<string, any> }> = [];
  for (const [id, resource] of Object.entries(resources)) {
    const documents = resource.Type === 'AWS::IAM::ManagedPolicy' || resource.Type === 'AWS::IAM::Policy'
      ? [resource.Properties.PolicyDocument]
      : resource.Type === 'AWS::IAM::Role' ? (resource.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument) : [];
    for (const document of documents) for (const statement of document.Statement) found.push({ holder: id, statement });
  }
  return found;
}

const actionsOf = (statement: Record<string, any>): string[] => [statement.Action].flat();

describe('the template: least privilege', () => {
  it('gives money operations MoneyFunctionRole, every other operation GatewayFunctionRole, the receiver and the sweeper their own, and no shared default role', () => {
    // The fifth role is the Step Functions example's (below).
    for (const op of OPERATIONS) {
      const [, fn] = functionOf(op);
      expect([op.id, fn.Properties.Role]).toEqual([op.id, { 'Fn::GetAtt': [op.kind === 'money' ? 'MoneyFunctionRole' : 'GatewayFunctionRole', 'Arn'] }]);
    }
    expect(receiver()[1].Properties.Role).toEqual({ 'Fn::GetAtt': ['CallbackReceiverRole', 'Arn'] });
    expect(sweeper()[1].Properties.Role).toEqual({ 'Fn::GetAtt': ['LedgerSweeperRole', 'Arn'] });
    expect(ofType('AWS::IAM::Role').map(([id]) => id).sort()).toEqual(['CallbackReceiverRole', 'ChargeFlowRole', 'GatewayFunctionRole', 'LedgerSweeperRole', 'MoneyFunctionRole']);
    expect(OPERATIONS.filter((op) => op.kind === 'money').map((op) => op.id).sort())
      .toEqual(['cancelChargeByBankAccount', 'cardBalanceRefund', 'chargeByBankAccount', 'paymentApprove', 'paymentCancel']);
  });

  it('lets only the money role reach the ledger table with single-item reads and writes, the sweeper query its index of open records and settle them, and only the receiver and the sweeper the events table', () => {
    const tables = statements().filter(({ statement }) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    const ITEMS = ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
    expect(tables.map(({ holder, statement }) => [holder, actionsOf(statement).sort(), statement.Resource])).toEqual([
      ['MoneyFunctionRole', ITEMS, { 'Fn::GetAtt': ['IdempotencyTable', 'Arn'] }],
      ['CallbackReceiverRole', ITEMS, { 'Fn::GetAtt': ['EventsTable', 'Arn'] }],
      ['LedgerSweeperRole', ['dynamodb:Query'], { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['IdempotencyTable', 'Arn'] }, '/index/open-records']] }],
      ['LedgerSweeperRole', ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'], { 'Fn::GetAtt': ['IdempotencyTable', 'Arn'] }],
      ['LedgerSweeperRole', ITEMS, { 'Fn::GetAtt': ['EventsTable', 'Arn'] }],
    ]);
    // Policies attached to the gateway role are the shared ones, which grant nothing on the table.
    const shared = resources.GatewayFunctionRole!.Properties.ManagedPolicyArns.map((ref: { Ref: string }) => ref.Ref);
    for (const role of ['MoneyFunctionRole', 'CallbackReceiverRole', 'LedgerSweeperRole']) expect(resources[role]!.Properties.ManagedPolicyArns.map((ref: { Ref: string }) => ref.Ref)).toEqual(shared);
    expect(resources.GatewayFunctionRole!.Properties.Policies).toBeUndefined();
    expect(templateText.includes('dynamodb:*')).toBe(false);
    expect(templateText.includes('dynamodb:Scan')).toBe(false);
  });

  it('reads the one secret by the full ARN given, and decrypts it with the configured key only through Secrets Manager', () => {
    const secret = statements().filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('secretsmanager:') || a.startsWith('kms:')));
    expect(secret.map(({ holder, statement }) => [holder, actionsOf(statement), statement.Resource])).toEqual([
      ['CredentialsSecretPolicy', ['secretsmanager:GetSecretValue'], SETTINGS.secretArn],
      ['CredentialsSecretPolicy', ['kms:Decrypt'], SETTINGS.kmsKeyArn],
    ]);
    expect(secret[1]!.statement.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.ap-northeast-2.amazonaws.com' } });
  });

  it('grants the rest to the stage own logs, X-Ray and the failure queue, and nothing with a wildcard action', () => {
    const rest = statements().filter(({ holder }) => holder === 'FunctionBasePolicy').map(({ statement }) => [actionsOf(statement).sort(), statement.Resource]);
    expect(rest).toEqual([
      [['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/konaplate-gateway-prod-*:*' }],
      [['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], '*'],
      [['sqs:SendMessage'], { 'Fn::GetAtt': ['FailureQueue', 'Arn'] }],
    ]);
    for (const { statement } of statements()) for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
  });

  it('lets only the receiver and the sweeper put events, and only on the stage bus', () => {
    const puts = statements().filter(({ statement }) => actionsOf(statement).some((action) => action.startsWith('events:')));
    expect(puts.map(({ holder, statement }) => [holder, actionsOf(statement), statement.Resource])).toEqual([
      ['CallbackReceiverRole', ['events:PutEvents'], { 'Fn::GetAtt': ['EventBus', 'Arn'] }],
      ['LedgerSweeperRole', ['events:PutEvents'], { 'Fn::GetAtt': ['EventBus', 'Arn'] }],
    ]);
    expect(resources.EventBus!.Properties.Name).toBe('konaplate-gateway-prod');
  });

  it('hard-codes no partition: the only arn:aws: strings are the ARNs the operator gave', () => {
    let rest = templateText;
    for (const given of [SETTINGS.secretArn, SETTINGS.kmsKeyArn, SETTINGS.topicArn]) rest = rest.split(given).join('');
    expect(rest.match(/arn:aws[^$]/g)).toBeNull();
  });
});

describe('the template: durable books', () => {
  it('keeps the ledger table: retained on delete and replace, deletion-protected, point-in-time recovery, TTL', () => {
    const table = resources.IdempotencyTable!;
    expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(table.Properties).toMatchObject({
      TableName: 'konaplate-gateway-prod-idempotency',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(ofType('AWS::DynamoDB::Table')).toHaveLength(2);
  });

  it('keeps the events table the same way', () => {
    const table = resources.EventsTable!;
    expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(table.Properties).toMatchObject({
      TableName: 'konaplate-gateway-prod-events',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('tells the receiver its bus, events table and failure queue', () => {
    expect(receiver()[1].Properties.Environment.Variables).toMatchObject({
      KONAPLATE_EVENT_BUS: 'konaplate-gateway-prod',
      KONAPLATE_EVENTS_TABLE: 'konaplate-gateway-prod-events',
      KONAPLATE_FAILURE_QUEUE_URL: { Ref: 'FailureQueue' },
    });
  });

  it('tells only the money functions and the sweeper where the ledger is, and the sweeper the receiver\'s bus, events table and failure queue', () => {
    for (const op of OPERATIONS) {
      const variables = functionOf(op)[1].Properties.Environment.Variables;
      expect([op.id, variables.KONAPLATE_IDEMPOTENCY_TABLE]).toEqual([op.id, op.kind === 'money' ? 'konaplate-gateway-prod-idempotency' : undefined]);
    }
    expect(sweeper()[1].Properties.Environment.Variables).toMatchObject({
      KONAPLATE_IDEMPOTENCY_TABLE: 'konaplate-gateway-prod-idempotency', KONAPLATE_EVENT_BUS: 'konaplate-gateway-prod', KONAPLATE_SETTLE_MS: '60000',
      KONAPLATE_EVENTS_TABLE: 'konaplate-gateway-prod-events', KONAPLATE_FAILURE_QUEUE_URL: { Ref: 'FailureQueue' },
    });
  });

  it('indexes the records not yet settled (sparse: open-records, by age), so the sweeper never scans', () => {
    expect(resources.IdempotencyTable!.Properties.GlobalSecondaryIndexes).toEqual([{
      IndexName: 'open-records',
      KeySchema: [{ AttributeName: 'open', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['state', 'sentAt', 'leaseUntil'] },
    }]);
  });

  it('runs the sweeper every ledgerSweepRate (5 minutes), 4 minutes at most, one at a time', () => {
    const [logicalId, fn] = sweeper();
    expect([fn.Properties.Timeout, fn.Properties.ReservedConcurrentExecutions]).toEqual([240, 1]);
    const rules = ofType('AWS::Events::Rule');
    expect(rules.map(([, rule]) => [rule.Properties.ScheduleExpression, rule.Properties.State, rule.Properties.Targets[0].Arn])).toEqual([
      ['rate(5 minutes)', 'ENABLED', { 'Fn::GetAtt': [logicalId, 'Arn'] }],
    ]);
  });
});

describe('the template: asynchronous invocations', () => {
  it('never resends a write, keeps the default 2 retries for reads and money operations, and sends every final failure to the queue', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(FUNCTION_COUNT);
    // The sweeper's next run is minutes away: a failed one is not run again.
    expect(configs.find(([, c]) => c.Properties.FunctionName.Ref === sweeper()[0])![1].Properties.MaximumRetryAttempts).toBe(0);
    for (const op of OPERATIONS) {
      const [logicalId] = functionOf(op);
      const [, config] = configs.find(([, c]) => c.Properties.FunctionName.Ref === logicalId)!;
      expect([op.id, config.Properties.MaximumRetryAttempts]).toEqual([op.id, op.kind === 'write' ? 0 : 2]);
      expect(config.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['FailureQueue', 'Arn'] } } });
      expect(config.Properties.Qualifier).toBe('$LATEST');
    }
  });

  it('keeps failed events 14 days, encrypted, and alarms on the first one', () => {
    expect(resources.FailureQueue!.Properties).toEqual({
      QueueName: 'konaplate-gateway-prod-failed-invocations', MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true,
    });
    expect(resources.FailureQueueAlarm!.Properties).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailureQueue', 'QueueName'] } }],
      Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [SETTINGS.topicArn],
    });
  });
});

describe('the template: observability', () => {
  it('writes one JSON access-log line per HTTP request: request id, caller IAM identity, route, status, latency, integration error', () => {
    const stage = resources.HttpApiStage!.Properties;
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] });
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      callerArn: '$context.identity.userArn',
      callerAccount: '$context.identity.accountId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integration.latency',
      integrationError: '$context.integration.error',
      integrationRequestId: '$context.integration.requestId',
    });
  });

  it('keeps function and access logs 90 days by default', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups).toHaveLength(FUNCTION_COUNT + 1);
    for (const [, group] of groups) expect([group.Properties.LogGroupName, group.Properties.RetentionInDays]).toEqual([group.Properties.LogGroupName, 90]);
  });

  it('traces every function with X-Ray and gives the code the contract variables', () => {
    for (const op of [...OPERATIONS, { id: 'ledgerSweeper' }]) {
      const { Properties } = functionOf(op)[1];
      expect(Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(Properties.Environment.Variables).toMatchObject({
        KONAPLATE_BASE_URL: SETTINGS.baseUrl,
        KONAPLATE_SECRET_ID: SETTINGS.secretArn,
        KONAPLATE_STAGE: 'prod',
        KONAPLATE_TRACING: 'Active',
        POWERTOOLS_SERVICE_NAME: 'konaplate-gateway',
        POWERTOOLS_METRICS_NAMESPACE: 'KonaplateGateway',
      });
    }
  });

  it('alarms on any outcome_unknown and on a platform_unavailable rate above 5 %, from the gateway metrics', () => {
    expect(resources.OutcomeUnknownAlarm!.Properties).toMatchObject({
      Namespace: 'KonaplateGateway', MetricName: 'Error_outcome_unknown', Dimensions: [{ Name: 'stage', Value: 'prod' }],
      Statistic: 'Sum', Period: 60, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    const rate = resources.PlatformUnavailableRateAlarm!.Properties;
    expect(rate.Metrics.filter((m: any) => m.MetricStat).map((m: any) => [m.Id, m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions, m.MetricStat.Period]))
      .toEqual([
        ['unavailable', 'KonaplateGateway', 'Error_platform_unavailable', [{ Name: 'stage', Value: 'prod' }], 300],
        ['invocations', 'KonaplateGateway', 'Invocations', [{ Name: 'stage', Value: 'prod' }], 300],
      ]);
    expect(rate.Metrics.find((m: any) => m.ReturnData).Expression).toBe('100 * FILL(unavailable, 0) / invocations');
    expect([rate.Threshold, rate.ComparisonOperator]).toEqual([5, 'GreaterThanThreshold']);
  });

  it('watches every function for Lambda errors and throttles, at most 10 functions per alarm', () => {
    const watched = (metricName: string) => ofType('AWS::CloudWatch::Alarm').flatMap(([, alarm]) => {
      const fetched = (alarm.Properties.Metrics ?? []).filter((m: any) => m.MetricStat?.Metric.MetricName === metricName && m.MetricStat.Metric.Namespace === 'AWS/Lambda');
      if (fetched.length > 0) expect(alarm.Properties.Metrics.filter((m: any) => m.MetricStat).length).toBeLessThanOrEqual(10);
      return fetched.map((m: any) => m.MetricStat.Metric.Dimensions[0].Value.Ref);
    }).sort();
    const all = [...OPERATIONS.map((op) => functionOf(op)[0]), receiver()[0], sweeper()[0]].sort();
    expect(watched('Errors')).toEqual(all);
    expect(watched('Throttles')).toEqual(all);
  });

  it('alarms on any money record open for more than a day, from the sweeper\'s metric', () => {
    expect(resources.OpenMoneyRecordsAlarm!.Properties).toMatchObject({
      AlarmName: 'konaplate-gateway-prod-open-money-records',
      Namespace: 'KonaplateGateway', MetricName: 'OpenMoneyRecordsOverADay', Dimensions: [{ Name: 'stage', Value: 'prod' }],
      Statistic: 'Maximum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [SETTINGS.topicArn],
    });
  });

  it('alarms on ledger throttling and on gateway-side faults', () => {
    const ledger = resources.LedgerThrottleAlarm!.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
    expect(new Set(ledger.map((m: any) => m.MetricName))).toEqual(new Set(['ReadThrottleEvents', 'WriteThrottleEvents', 'ThrottledRequests']));
    for (const metric of ledger) expect(metric.Dimensions[0]).toEqual({ Name: 'TableName', Value: { Ref: 'IdempotencyTable' } });
    const faults = resources.GatewayFaultAlarm!.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName);
    expect(faults).toEqual(['Error_configuration', 'Error_credentials_unavailable', 'Error_platform_auth', 'Error_internal']);
  });

  it('alarms on any callback refused in 5 minutes', () => {
    expect(resources.CallbackRefusedAlarm!.Properties).toMatchObject({
      Namespace: 'KonaplateGateway', MetricName: 'CallbackRefused', Dimensions: [{ Name: 'stage', Value: 'prod' }],
      Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [SETTINGS.topicArn],
    });
  });

  it('sends every alarm, and its recovery, to the alarm topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(6 + 2 * Math.ceil(FUNCTION_COUNT / 10));
    for (const [, alarm] of alarms) {
      expect([alarm.Properties.AlarmName, alarm.Properties.AlarmActions, alarm.Properties.OKActions]).toEqual([alarm.Properties.AlarmName, [SETTINGS.topicArn], [SETTINGS.topicArn]]);
      expect(alarm.Properties.AlarmDescription).toMatch(/Runbook: docs\/operations\.md \u00a7 [a-z-]+\.$/);
    }
    expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });
});

describe('the template: capacity', () => {
  it('throttles every HTTP API route by default, the public one lower, and reserves the concurrency asked for', () => {
    expect(resources.HttpApiStage!.Properties.DefaultRouteSettings).toEqual({ DetailedMetricsEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(resources.HttpApiStage!.Properties.RouteSettings).toEqual({ 'POST /callbacks/konaplate': { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
    for (const op of OPERATIONS) expect([op.id, functionOf(op)[1].Properties.ReservedConcurrentExecutions]).toEqual([op.id, SETTINGS.reservedConcurrency]);
    expect(sweeper()[1].Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it('authorizes every route with IAM but the one the platform calls back, which the template names as the callback URL', () => {
    const open = ofType('AWS::ApiGatewayV2::Route').filter(([, route]) => route.Properties.AuthorizationType !== 'AWS_IAM');
    expect(open.map(([, route]) => [route.Properties.RouteKey, route.Properties.AuthorizationType])).toEqual([['POST /callbacks/konaplate', undefined]]);
    // Every function but the sweeper (a schedule) has its route.
    expect(ofType('AWS::ApiGatewayV2::Route')).toHaveLength(FUNCTION_COUNT - 1);
    // The stage names that route's throttle: it must wait for the route.
    expect(resources.HttpApiStage).toMatchObject({ DependsOn: expect.arrayContaining([open[0]![0]]) });
    expect(JSON.parse(templateText).Outputs.CallbackUrl.Value).toEqual({ 'Fn::Sub': '${HttpApi.ApiEndpoint}/callbacks/konaplate' });
  });

  it('stays under the 500 resources CloudFormation allows one stack, with room for 10 more routed functions', () => {
    // Measured on this package (prod, the Step Functions example on): 360 resources =
    //   53 routed functions × 6 (function, log group, async config, API permission, integration, route) = 318
    // + the sweeper's 5 (function, log group, async config, schedule rule, its permission)
    // + 12 per-function alarms (lambda-errors-N and lambda-throttles-N for each group of up to 10 of the 54 functions)
    // + 25 of the stack: deployment bucket and its policy, HTTP API, stage, its access log group, the ledger
    //   and events tables, the bus, the failure queue, 5 roles (ChargeFlowRole is the example's), 2 managed
    //   policies, 7 alarms, the dashboard, the state machine (the example's).
    // Without the example: 358. CloudFormation refuses a stack over 500 (a hard limit): 140 left, about
    // 22 more routed functions at 6.2 each (their share of the group alarms included), or a nested stack.
    const count = Object.keys(resources).length;
    const routes = ofType('AWS::ApiGatewayV2::Route').length;
    const schedules = ofType('AWS::Events::Rule').length;
    expect([routes, schedules, routes + schedules]).toEqual([FUNCTION_COUNT - 1, 1, FUNCTION_COUNT]);
    // A function's own log group, not the HTTP API's access log group (one per stack).
    const functionLogGroups = ofType('AWS::Logs::LogGroup').filter(([, group]) => String(group.Properties.LogGroupName).startsWith('/aws/lambda/')).length;
    for (const type of ['AWS::Lambda::Function', 'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::Permission']) expect([type, ofType(type).length]).toEqual([type, FUNCTION_COUNT]);
    expect([functionLogGroups, ofType('AWS::ApiGatewayV2::Integration').length]).toEqual([FUNCTION_COUNT, routes]);
    const groupAlarms = 2 * Math.ceil(FUNCTION_COUNT / 10);
    const STACK_RESOURCES = 25;
    expect(count).toBe(6 * routes + 5 * schedules + groupAlarms + STACK_RESOURCES);
    expect(count).toBe(360);
    // 10 more routed functions with their 2 group alarms.
    expect(count + 10 * 6 + 2).toBeLessThanOrEqual(500);
  });
});

describe('the template: cold start', () => {
  it('gives no function NODE_OPTIONS: a V8 flag there makes Node compile its own modules without their code cache', () => {
    // Measured (bench/README.md, "Where the cold start goes"): --max-old-space-size=400 +18 ms,
    // --max-semi-space-size=16 +32 ms, --enable-source-maps +4.5 ms (and no source map is shipped).
    const given = ofType('AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Environment?.Variables?.NODE_OPTIONS !== undefined);
    expect(given.map(([, fn]) => fn.Properties.FunctionName)).toEqual([]);
    expect(ofType('AWS::Lambda::Function')).toHaveLength(FUNCTION_COUNT);
  });
});

describe('the template: the Step Functions example, switched on', () => {
  const chargeFlowFunctions = ['issueOneTimeToken', 'chargeByBankAccount', 'chargeResultInquiry'];
  const arnOf = (id: string) => ({ 'Fn::GetAtt': [functionOf(OPERATIONS.find((op) => op.id === id)!)[0], 'Arn'] });

  it('creates the state machine and its role only under the condition the param sets', () => {
    const template = JSON.parse(templateText);
    expect(template.Parameters.StepFunctionsExample).toMatchObject({ Type: 'String', AllowedValues: ['true', 'false'], Default: 'true' });
    expect(template.Conditions.StepFunctionsExampleOn).toEqual({ 'Fn::Equals': [{ Ref: 'StepFunctionsExample' }, 'true'] });
    const conditioned = Object.entries(resources).filter(([, r]) => (r as { Condition?: string }).Condition === 'StepFunctionsExampleOn').map(([id]) => id).sort();
    expect(conditioned).toEqual(['ChargeFlowRole', 'ChargeFlowStateMachine']);
    expect(template.Outputs.ChargeFlowStateMachineArn.Condition).toBe('StepFunctionsExampleOn');
  });

  it('names the three functions by their ARN, and the role may invoke exactly those', () => {
    const machine = resources.ChargeFlowStateMachine!.Properties;
    expect(machine).toMatchObject({ StateMachineName: 'konaplate-gateway-prod-charge-flow', StateMachineType: 'STANDARD', RoleArn: { 'Fn::GetAtt': ['ChargeFlowRole', 'Arn'] } });
    expect(Object.values(machine.DefinitionSubstitutions)).toEqual(chargeFlowFunctions.map(arnOf));
    // The definition's placeholders reached the template untouched by the Framework's variables.
    const placeholders = [...JSON.stringify(machine.Definition).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    expect([...new Set(placeholders)].sort()).toEqual(Object.keys(machine.DefinitionSubstitutions).sort());
    const granted = statements().filter(({ holder }) => holder === 'ChargeFlowRole').map(({ statement }) => [actionsOf(statement), statement.Resource]);
    expect(granted).toEqual([[['lambda:InvokeFunction'], chargeFlowFunctions.map(arnOf)]]);
    expect(resources.ChargeFlowRole!.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'states.amazonaws.com' } })]);
  });
});

describe('the template: no CORS', () => {
  it('answers no cross-origin request: the API reference of npm start goes through its own same-origin proxy', () => {
    const api = ofType('AWS::ApiGatewayV2::Api');
    expect(api).toHaveLength(1);
    expect(api[0]![1].Properties.CorsConfiguration).toBeUndefined();
    expect(templateText).not.toMatch(/cors|access-control/i);
  });
});

describe('cfn-lint', () => {
  it('finds no error in the template (W3005, a DependsOn the Framework writes, is the only warning)', async () => {
    const file = path.join(out, 'cloudformation-template-update-stack.json');
    const findings = await new Promise<Array<{ Level: string; Rule: { Id: string }; Message: string }>>((resolve, reject) => {
      execFile('cfn-lint', ['--format', 'json', file], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          const missing = new Error('cfn-lint is not installed: install it with `pip install cfn-lint` (1.x) and run the tests again');
          missing.stack = missing.message;
          return reject(missing);
        }
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`cfn-lint printed no JSON report: ${error?.message ?? stdout.slice(0, 500)}`));
        }
      });
    });
    expect(findings.filter((f) => f.Level === 'Error').map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    expect(findings.filter((f) => f.Rule.Id !== 'W3005').map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
  });
});
