/**
 * The invocation's own metrics (Invocations, Latency from start to answer, Success or
 * Error_<kind>, ColdStart) and the one EMF line per invocation that carries them with everything
 * recorded on the way (lib/metrics.ts). Used first, so its after/onError run last, once format-answer
 * has made the answer; a failure here is logged by lib/metrics.ts and never changes it.
 */
import type { GatewayOperation } from '../catalog/types';
import { asGatewayError } from '../errors';
import { countColdStart, countMetric, durationMetric, publishMetrics, type CountMetric } from '../metrics';
import type { GatewayMiddleware, GatewayRequest } from './types';

function invocationMetricsBefore(request: GatewayRequest): void {
  request.internal.startedAt = performance.now();
  countColdStart();
}

export function invocationMetrics(op: Pick<GatewayOperation, 'id'>): GatewayMiddleware {
  const finish = (request: GatewayRequest, outcome: CountMetric) => {
    countMetric('Invocations');
    countMetric(outcome);
    durationMetric('Latency', performance.now() - request.internal.startedAt);
    publishMetrics(op.id);
  };
  function invocationMetricsAfter(request: GatewayRequest): void {
    finish(request, 'Success');
  }
  function invocationMetricsOnError(request: GatewayRequest): void {
    finish(request, `Error_${asGatewayError(request.error).kind}`);
  }
  return { before: invocationMetricsBefore, after: invocationMetricsAfter, onError: invocationMetricsOnError };
}
