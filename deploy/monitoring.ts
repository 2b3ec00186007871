/**
 * The stack's alarms and dashboard (serverless.yml `resources: ${konaplate:monitoring}`), built from
 * the function list so no function is left unwatched. Metric names and dimensions are the ones the
 * functions emit (docs/operations.md: namespace KonaplateGateway, dimension set [stage]).
 * What each alarm means and what to do when it fires: docs/operations.md.
 */
import { ERROR_TABLE, type ErrorKind } from '../lib/errors';

export const METRICS_NAMESPACE = 'KonaplateGateway';

/** CloudWatch lets an alarm fetch at most 10 metrics, so per-function alarms cover 10 functions each. */
export const FUNCTIONS_PER_ALARM = 10;

export interface MonitoredFunction {
  /** The function's key in serverless.yml, e.g. chargeByBankAccount. */
  key: string;
  /** Its CloudFormation logical id, e.g. ChargeByBankAccountLambdaFunction. */
  logicalId: string;
}

export interface MonitoringInput {
  service: string;
  stage: string;
  functions: readonly MonitoredFunction[];
  /** SNS topic ARNs to notify; empty: the alarms only show their state. */
  actions: readonly string[];
  /** Lambda Errors per 5 minutes, per group of functions, that fire the alarm. */
  lambdaErrorsThreshold: number;
  /** Logical ids of resources serverless.yml declares or the Framework generates. */
  ledgerTable: string;
  failureQueue: string;
  httpApi: string;
}

type Resource = { Type: string; Properties: Record<string, unknown> };
type MetricQuery = Record<string, unknown>;

const RUNBOOK = 'Runbook: docs/operations.md';

/** The kinds that say the gateway itself is wrong (configuration, credentials, a bug), not the platform or the caller. */
const GATEWAY_FAULT_KINDS: readonly ErrorKind[] = ['configuration', 'credentials_unavailable', 'platform_auth', 'internal'];

const metric = (id: string, namespace: string, name: string, dimensions: Record<string, unknown>, stat: string, period: number): MetricQuery => ({
  Id: id,
  ReturnData: false,
  MetricStat: {
    Metric: { Namespace: namespace, MetricName: name, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) },
    Period: period,
    Stat: stat,
  },
});

const expression = (id: string, text: string, label: string): MetricQuery => ({ Id: id, Expression: text, Label: label, ReturnData: true });

/** Sum of the given metric ids, a missing data point counting as 0 (a function that was not called). */
const sumOf = (ids: readonly string[]) => ids.map((id) => `FILL(${id}, 0)`).join(' + ');

export function monitoringResources(input: MonitoringInput): Record<string, Resource> {
  const { service, stage, actions } = input;
  const gateway = { stage };
  const alarm = (suffix: string, description: string, properties: Record<string, unknown>): Resource => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: `${service}-${stage}-${suffix}`,
      AlarmDescription: `${description} ${RUNBOOK} § ${suffix.replace(/-\d+$/, '')}.`,
      ActionsEnabled: true,
      AlarmActions: [...actions],
      OKActions: [...actions],
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      ...properties,
    },
  });

  /** Fires on the first count of one gateway metric ([stage]) within `period` seconds. */
  const anyOf = (suffix: string, description: string, metricName: string, period: number): Resource => alarm(suffix, description, {
    Namespace: METRICS_NAMESPACE,
    MetricName: metricName,
    Dimensions: [{ Name: 'stage', Value: stage }],
    Statistic: 'Sum',
    Period: period,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  });

  const resources: Record<string, Resource> = {
    OutcomeUnknownAlarm: anyOf('outcome-unknown', 'A write or a charge may or may not have happened: its caller was told KonaplateOutcomeUnknown.', 'Error_outcome_unknown', 60),
    PlatformUnavailableRateAlarm: alarm('platform-unavailable', 'More than 5 % of invocations in 5 minutes failed because the platform answered 5xx, unreadably, or not at all.', {
      Metrics: [
        metric('unavailable', METRICS_NAMESPACE, 'Error_platform_unavailable', gateway, 'Sum', 300),
        metric('invocations', METRICS_NAMESPACE, 'Invocations', gateway, 'Sum', 300),
        expression('rate', '100 * FILL(unavailable, 0) / invocations', 'platform_unavailable % of invocations'),
      ],
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
    GatewayFaultAlarm: alarm('gateway-fault', `The gateway failed on its own side (${GATEWAY_FAULT_KINDS.map((kind) => ERROR_TABLE[kind].name).join(', ')}): a secret, key or setting is wrong, or a bug.`, {
      Metrics: [
        ...GATEWAY_FAULT_KINDS.map((kind) => metric(kind.replace(/_/g, ''), METRICS_NAMESPACE, `Error_${kind}`, gateway, 'Sum', 300)),
        expression('faults', sumOf(GATEWAY_FAULT_KINDS.map((kind) => kind.replace(/_/g, ''))), 'gateway-side failures'),
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
    FailureQueueAlarm: alarm('failed-async-invocations', 'An asynchronous invocation failed for good and its event is on the failure queue.', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [input.failureQueue, 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
    CallbackRefusedAlarm: anyOf('callback-refused', 'The callback route refused a request: a forged, replayed, stale or unreadable callback, or the platform signing with a key or clock the gateway does not share.', 'CallbackRefused', 300),
    LedgerThrottleAlarm: alarm('ledger-throttled', 'DynamoDB throttled the money ledger: charges and cancels may be refused or slowed.', {
      Metrics: [
        metric('reads', 'AWS/DynamoDB', 'ReadThrottleEvents', { TableName: { Ref: input.ledgerTable } }, 'Sum', 60),
        metric('writes', 'AWS/DynamoDB', 'WriteThrottleEvents', { TableName: { Ref: input.ledgerTable } }, 'Sum', 60),
        ...['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map((operation) =>
          metric(operation.toLowerCase(), 'AWS/DynamoDB', 'ThrottledRequests', { TableName: { Ref: input.ledgerTable }, Operation: operation }, 'Sum', 60)),
        expression('throttled', sumOf(['reads', 'writes', 'getitem', 'putitem', 'updateitem', 'deleteitem']), 'ledger throttles'),
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  };

  const groups = chunk(input.functions, FUNCTIONS_PER_ALARM);
  groups.forEach((group, index) => {
    const n = index + 1;
    const names = group.map((fn) => fn.key).join(', ');
    const perFunction = (name: string) => group.map((fn, i) => metric(`f${i}`, 'AWS/Lambda', name, { FunctionName: { Ref: fn.logicalId } }, 'Sum', 300));
    const ids = group.map((_, i) => `f${i}`);
    resources[`LambdaErrorsAlarm${n}`] = alarm(`lambda-errors-${n}`, `At least ${input.lambdaErrorsThreshold} Lambda Errors in 5 minutes across ${names}.`, {
      Metrics: [...perFunction('Errors'), expression('errors', sumOf(ids), `Lambda Errors, group ${n}`)],
      Threshold: input.lambdaErrorsThreshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    resources[`LambdaThrottlesAlarm${n}`] = alarm(`lambda-throttles-${n}`, `Lambda throttled an invocation in 5 minutes across ${names}.`, {
      Metrics: [...perFunction('Throttles'), expression('throttles', sumOf(ids), `Lambda Throttles, group ${n}`)],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  resources.Dashboard = {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `${service}-${stage}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify(dashboard(input, Object.keys(resources))) },
    },
  };
  return resources;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

/** The dashboard body, with `${…}` references for Fn::Sub. */
function dashboard(input: MonitoringInput, alarmIds: readonly string[]) {
  const { stage } = input;
  const gateway = (name: string, options: Record<string, unknown> = {}) => [METRICS_NAMESPACE, name, 'stage', stage, options];
  const graph = (title: string, metrics: unknown[], properties: Record<string, unknown> = {}) => ({
    type: 'metric',
    width: 12,
    height: 6,
    properties: { title, region: '${AWS::Region}', view: 'timeSeries', stacked: false, stat: 'Sum', period: 60, metrics, ...properties },
  });
  const perFunction = (name: string) => input.functions.map((fn) => ['AWS/Lambda', name, 'FunctionName', `\${${fn.logicalId}}`, { label: fn.key }]);
  return {
    widgets: [
      { type: 'alarm', width: 24, height: 4, properties: { title: 'Alarms', alarms: alarmIds.map((id) => `\${${id}.Arn}`) } },
      graph('Invocations and answers', [gateway('Invocations'), gateway('Success'), gateway('ColdStart')]),
      graph('Failed answers by kind', (Object.keys(ERROR_TABLE) as ErrorKind[]).map((kind) => gateway(`Error_${kind}`, { label: kind }))),
      graph('Latency (ms)', [
        gateway('Latency', { stat: 'p50', label: 'answer p50' }),
        gateway('Latency', { stat: 'p99', label: 'answer p99' }),
        gateway('PlatformLatency', { stat: 'p50', label: 'platform p50' }),
        gateway('PlatformLatency', { stat: 'p99', label: 'platform p99' }),
      ], { stat: 'Average' }),
      graph('Platform calls, retries, inquiries', [
        gateway('PlatformCalls'), gateway('Retries'), gateway('OutcomeInquiries'), gateway('LedgerReplays'), gateway('SecretRefetches'),
      ]),
      graph('Callbacks from the platform', [
        gateway('Callbacks'), gateway('CallbackRefused'), gateway('CallbackDuplicates'), gateway('CallbackUnknownKind'),
        gateway('EventsPublished'), gateway('EventsQueued'),
      ]),
      graph('Lambda errors by function', perFunction('Errors'), { period: 300 }),
      graph('Lambda throttles by function', perFunction('Throttles'), { period: 300 }),
      graph('Failure queue (failed asynchronous invocations)', [
        ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', `\${${input.failureQueue}.QueueName}`, { stat: 'Maximum' }],
      ]),
      graph('Money ledger (DynamoDB)', [
        ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', `\${${input.ledgerTable}}`],
        ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', 'TableName', `\${${input.ledgerTable}}`],
        ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', `\${${input.ledgerTable}}`],
        ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', `\${${input.ledgerTable}}`],
      ]),
      graph('HTTP API', [
        ['AWS/ApiGateway', 'Count', 'ApiId', `\${${input.httpApi}}`],
        ['AWS/ApiGateway', '4xx', 'ApiId', `\${${input.httpApi}}`],
        ['AWS/ApiGateway', '5xx', 'ApiId', `\${${input.httpApi}}`],
      ]),
    ],
  };
}
