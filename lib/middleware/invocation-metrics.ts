/**
 * The invocation's own metrics (Invocations, Latency from start to answer, Success or
 * Error_<kind>, ColdStart) and the one EMF line per invocation that carries them with everything
 * recorded on the way (lib/metrics.ts). Used first, so its after/onError run last, once the answer
 * middleware has made the answer; a failure here is logged by lib/metrics.ts and never changes it.
 */
import type { Operation } from '../catalog/types';
import { asGatewayError } from '../errors';
import { countColdStart, countMetric, durationMetric, publishMetrics, type CountMetric } from '../metrics';
import type { GatewayRequest } from './types';

export function invocationMetrics(op: Pick<Operation, 'id'>) {
  const finish = (request: GatewayRequest, outcome: CountMetric) => {
    countMetric('Invocations');
    countMetric(outcome);
    durationMetric('Latency', performance.now() - request.internal.startedAt);
    publishMetrics(op.id);
  };
  return {
    name: 'invocationMetrics',
    before: (request: GatewayRequest) => {
      request.internal.startedAt = performance.now();
      countColdStart();
    },
    after: (request: GatewayRequest) => finish(request, 'Success'),
    onError: (request: GatewayRequest) => finish(request, `Error_${asGatewayError(request.error).kind}`),
  };
}
