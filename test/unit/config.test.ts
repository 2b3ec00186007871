/**
 * lib/config.ts: every variable with its default, one rule for numbers (missing, empty, not a
 * number or out of range → the default), an empty string as unset, read once per container.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config, CONFIG_DEFAULTS, readConfig, resetConfig } from '../../lib/config';

it('gives every default when nothing is set', () => {
  expect(readConfig({})).toEqual({
    baseUrl: undefined,
    secretId: undefined,
    secretTtlMs: 900_000,
    operationBudgetMs: 10_000,
    ledgerTable: undefined,
    settleMs: 60_000,
    eventBus: undefined,
    eventsTable: undefined,
    failureQueueUrl: undefined,
    stage: 'unset',
    tracingActive: false,
    xrayDaemonAddress: undefined,
    serviceName: 'konaplate-gateway',
    metricsNamespace: 'KonaplateGateway',
  });
});

it('reads what a deployed stage sets', () => {
  expect(readConfig({
    KONAPLATE_BASE_URL: 'https://platform.example/open-api',
    KONAPLATE_SECRET_ID: 'konaplate/prod',
    KONAPLATE_SECRET_TTL_SECONDS: '60',
    KONAPLATE_TIMEOUT_MS: '2500',
    KONAPLATE_IDEMPOTENCY_TABLE: 'konaplate-gateway-prod-idempotency',
    KONAPLATE_SETTLE_MS: '0',
    KONAPLATE_EVENT_BUS: 'konaplate-gateway-prod',
    KONAPLATE_EVENTS_TABLE: 'konaplate-gateway-prod-events',
    KONAPLATE_FAILURE_QUEUE_URL: 'https://sqs.ap-northeast-2.amazonaws.com/123456789012/konaplate-gateway-prod-failed-invocations',
    KONAPLATE_STAGE: 'prod',
    KONAPLATE_TRACING: 'Active',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    POWERTOOLS_SERVICE_NAME: 'gateway',
    POWERTOOLS_METRICS_NAMESPACE: 'Gateway',
  })).toEqual({
    baseUrl: 'https://platform.example/open-api',
    secretId: 'konaplate/prod',
    secretTtlMs: 60_000,
    operationBudgetMs: 2500,
    ledgerTable: 'konaplate-gateway-prod-idempotency',
    settleMs: 0,
    eventBus: 'konaplate-gateway-prod',
    eventsTable: 'konaplate-gateway-prod-events',
    failureQueueUrl: 'https://sqs.ap-northeast-2.amazonaws.com/123456789012/konaplate-gateway-prod-failed-invocations',
    stage: 'prod',
    tracingActive: true,
    xrayDaemonAddress: '169.254.79.129:2000',
    serviceName: 'gateway',
    metricsNamespace: 'Gateway',
  });
});

it.each(['', '  ', 'soon', 'NaN', 'Infinity', '-5', '0'])('falls back to the default for a positive number given as %j', (value) => {
  const read = readConfig({ KONAPLATE_TIMEOUT_MS: value, KONAPLATE_SECRET_TTL_SECONDS: value });
  expect([read.operationBudgetMs, read.secretTtlMs]).toEqual([CONFIG_DEFAULTS.operationBudgetMs, CONFIG_DEFAULTS.secretTtlMs]);
});

it('lets the settle time be 0 but not negative, empty or unreadable', () => {
  expect(readConfig({ KONAPLATE_SETTLE_MS: '0' }).settleMs).toBe(0);
  for (const value of ['', '-1', 'later']) expect(readConfig({ KONAPLATE_SETTLE_MS: value }).settleMs).toBe(CONFIG_DEFAULTS.settleMs);
});

it('takes an empty string as unset, and only `Active` as active tracing', () => {
  const read = readConfig({ KONAPLATE_SECRET_ID: '', KONAPLATE_STAGE: '', POWERTOOLS_SERVICE_NAME: ' ', KONAPLATE_TRACING: 'PassThrough' });
  expect(read).toMatchObject({ secretId: undefined, stage: 'unset', serviceName: 'konaplate-gateway', tracingActive: false });
});

it('reads the environment once per container; a reset reads it again', () => {
  const saved = process.env.KONAPLATE_STAGE;
  try {
    process.env.KONAPLATE_STAGE = 'first';
    resetConfig();
    expect(config().stage).toBe('first');
    process.env.KONAPLATE_STAGE = 'second';
    expect(config().stage).toBe('first');
    resetConfig();
    expect(config().stage).toBe('second');
  } finally {
    if (saved === undefined) delete process.env.KONAPLATE_STAGE;
    else process.env.KONAPLATE_STAGE = saved;
    resetConfig();
  }
});

it('every variable it reads is in the README\'s Configuration section', () => {
  const read = [...readFileSync(path.resolve(__dirname, '../../lib/config.ts'), 'utf8').matchAll(/env\.([A-Z_]+)/g)].map((match) => match[1]!);
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  expect(read.length).toBeGreaterThanOrEqual(11);
  expect(read.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
});
