/**
 * CloudWatch metrics in embedded metric format (EMF) through Powertools Metrics: recorded during an
 * invocation, written as one JSON line on stdout when it is answered (CloudWatch Logs turns the line
 * into metrics; no API call). Names, units and the two dimension sets, [stage] and
 * [stage, operation], are the contract the template's alarms and dashboard read (README.md § Observability).
 *
 * Recording never throws: a metric that cannot be recorded is logged and the answer still goes out.
 * Dimension values are the stage and the catalog's operation id, never a request value.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { config } from './config';
import type { ErrorKind } from './errors';
import { logger } from './log';

export type CountMetric =
  | 'Invocations'
  | 'Success'
  | `Error_${ErrorKind}`
  | 'PlatformCalls'
  | `PlatformCode_${string}`
  | 'Retries'
  | 'OutcomeInquiries'
  | 'LedgerReplays'
  | 'SecretRefetches'
  | 'ColdStart'
  // The callback receiver (lib/callbacks/receiver.ts): its own names, so the operations' Invocations-based rates stay theirs.
  | 'Callbacks'
  | 'CallbackRefused'
  | `CallbackRefused_${string}`
  | 'CallbackDuplicates'
  | 'CallbackUnknownKind'
  | 'EventsPublished'
  | 'EventsQueued';

export type DurationMetric = 'Latency' | 'PlatformLatency' | 'CallbackLatency';

/** Powertools Metrics with its cold-start rule (on-demand initialisation, first call) made usable in our own line. */
class GatewayMetrics extends Metrics {
  firstInvocation(): boolean {
    return this.getColdStart();
  }
}

const { metricsNamespace, stage } = config();
const metrics = new GatewayMetrics({ namespace: metricsNamespace });
// Powertools adds `service` to every dimension set; the contract's sets hold `stage` and `operation` only.
metrics.clearDefaultDimensions();
metrics.setDefaultDimensions({ stage });

function recorded(name: string, record: () => void): void {
  try {
    record();
  } catch (error) {
    logger.warn('metric not recorded', { metric: name, error });
  }
}

export function countMetric(name: CountMetric): void {
  recorded(name, () => metrics.addMetric(name, MetricUnit.Count, 1));
}

export function durationMetric(name: DurationMetric, ms: number): void {
  // Microseconds are plenty, and a short number keeps 16-digit fractions out of the line (a card number to the leak scan).
  recorded(name, () => metrics.addMetric(name, MetricUnit.Milliseconds, Math.round(ms * 1000) / 1000));
}

const PLATFORM_CODE = /^\d{3}_\d{3}$/;

/** The result code of an answer, if it had one; anything not shaped like one counts as `PlatformCode_other`. */
export function countPlatformCode(code: string | undefined): void {
  if (code !== undefined) countMetric(PLATFORM_CODE.test(code) ? `PlatformCode_${code}` : 'PlatformCode_other');
}

/** `ColdStart` on a container's first invocation (Powertools' rule: on-demand initialisation only). */
export function countColdStart(): void {
  recorded('ColdStart', () => {
    if (metrics.firstInvocation()) metrics.addMetric('ColdStart', MetricUnit.Count, 1);
  });
}

/** Writes what the invocation recorded as one EMF line, in the sets [stage, operation] and [stage]. */
export function publishMetrics(operation: string): void {
  try {
    metrics.addDimension('operation', operation);
    // A set of no dimensions of its own: the default dimensions alone, i.e. [stage].
    metrics.addDimensions({});
    metrics.publishStoredMetrics();
  } catch (error) {
    // Dropped, not carried into the next invocation's line.
    metrics.clearMetrics();
    metrics.clearDimensions();
    logger.warn('metrics not published', { operation, error });
  }
}
