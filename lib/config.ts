/**
 * The gateway's configuration: every environment variable its own code reads, read once per
 * container on first use (a Lambda's environment does not change while its container lives). The
 * AWS SDK and Powertools read their own variables themselves (AWS_REGION, the credentials,
 * AWS_ENDPOINT_URL_*, POWERTOOLS_LOG_LEVEL, and `_X_AMZN_TRACE_ID`, which changes every invocation);
 * they are not here. serverless.yml sets these per stage (README.md § Configuration).
 *
 * One rule for every number: missing, empty, not a number or out of range means its default. An
 * empty string is unset for every variable.
 */

export interface GatewayConfig {
  /** KONAPLATE_BASE_URL: the platform's base URL; checked where it is used (lib/upstream/transport.ts). */
  readonly baseUrl: string | undefined;
  /** KONAPLATE_SECRET_ID: name or ARN of the credentials secret. */
  readonly secretId: string | undefined;
  /** KONAPLATE_SECRET_TTL_SECONDS, in ms: how long the fetched secret is used before it is fetched again. */
  readonly secretTtlMs: number;
  /** KONAPLATE_TIMEOUT_MS: the upstream budget of an operation without its own `timeoutMs`. */
  readonly operationBudgetMs: number;
  /** KONAPLATE_IDEMPOTENCY_TABLE: the money ledger's DynamoDB table (money functions only). */
  readonly ledgerTable: string | undefined;
  /** KONAPLATE_SETTLE_MS: after this long, "no such sequenceId" proves a money request never arrived (0 allowed). */
  readonly settleMs: number;
  /** KONAPLATE_EVENT_BUS: the stage's EventBridge bus platform events go to (lib/events/). */
  readonly eventBus: string | undefined;
  /** KONAPLATE_EVENTS_TABLE: the DynamoDB table recording each platform event once (and callback correlation ids). */
  readonly eventsTable: string | undefined;
  /** KONAPLATE_FAILURE_QUEUE_URL: the SQS queue an event goes to when the bus refused it. */
  readonly failureQueueUrl: string | undefined;
  /** KONAPLATE_STAGE: the metrics' `stage` dimension. */
  readonly stage: string;
  /** KONAPLATE_TRACING=Active: platform attempts are sent to X-Ray as subsegments (lib/tracing.ts). */
  readonly tracingActive: boolean;
  /** AWS_XRAY_DAEMON_ADDRESS, as Lambda sets it (parsed in lib/tracing.ts). */
  readonly xrayDaemonAddress: string | undefined;
  /** POWERTOOLS_SERVICE_NAME: the logs' `service`. */
  readonly serviceName: string;
  /** POWERTOOLS_METRICS_NAMESPACE: the CloudWatch namespace of the metrics. */
  readonly metricsNamespace: string;
}

export const CONFIG_DEFAULTS = {
  secretTtlMs: 15 * 60_000,
  operationBudgetMs: 10_000,
  settleMs: 60_000,
  /** Visible, never empty, when a bare harness sets no stage. */
  stage: 'unset',
  serviceName: 'konaplate-gateway',
  metricsNamespace: 'KonaplateGateway',
} as const;

type Environment = Readonly<Record<string, string | undefined>>;

const text = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);

const positive = (value: number) => value > 0;
const notNegative = (value: number) => value >= 0;

/** The number a variable holds when `accepts` it, else the default. */
function numberOr(value: string | undefined, fallback: number, accepts: (value: number) => boolean): number {
  const given = text(value);
  if (given === undefined) return fallback;
  const parsed = Number(given);
  return Number.isFinite(parsed) && accepts(parsed) ? parsed : fallback;
}

/** The configuration an environment describes (pure: tests may pass their own). */
export function readConfig(env: Environment): GatewayConfig {
  const ttlSeconds = numberOr(env.KONAPLATE_SECRET_TTL_SECONDS, CONFIG_DEFAULTS.secretTtlMs / 1000, positive);
  return {
    baseUrl: text(env.KONAPLATE_BASE_URL),
    secretId: text(env.KONAPLATE_SECRET_ID),
    secretTtlMs: ttlSeconds * 1000,
    operationBudgetMs: numberOr(env.KONAPLATE_TIMEOUT_MS, CONFIG_DEFAULTS.operationBudgetMs, positive),
    ledgerTable: text(env.KONAPLATE_IDEMPOTENCY_TABLE),
    settleMs: numberOr(env.KONAPLATE_SETTLE_MS, CONFIG_DEFAULTS.settleMs, notNegative),
    eventBus: text(env.KONAPLATE_EVENT_BUS),
    eventsTable: text(env.KONAPLATE_EVENTS_TABLE),
    failureQueueUrl: text(env.KONAPLATE_FAILURE_QUEUE_URL),
    stage: text(env.KONAPLATE_STAGE) ?? CONFIG_DEFAULTS.stage,
    tracingActive: env.KONAPLATE_TRACING === 'Active',
    xrayDaemonAddress: text(env.AWS_XRAY_DAEMON_ADDRESS),
    serviceName: text(env.POWERTOOLS_SERVICE_NAME) ?? CONFIG_DEFAULTS.serviceName,
    metricsNamespace: text(env.POWERTOOLS_METRICS_NAMESPACE) ?? CONFIG_DEFAULTS.metricsNamespace,
  };
}

let current: GatewayConfig | undefined;

/** This container's configuration, read from the environment on first use. */
export function config(): GatewayConfig {
  current ??= readConfig(process.env);
  return current;
}

/** Forgets the configuration read, so the next use reads the environment again: for tests that change it. */
export function resetConfig(): void {
  current = undefined;
}
