/**
 * One HTTP attempt to the platform, counted and timed (PlatformCalls, PlatformLatency) and traced
 * (an X-Ray subsegment, lib/tracing.ts), whatever its end: an answer of any status or no answer.
 */
import type { Operation } from '../catalog/types';
import { countMetric, durationMetric } from '../metrics';
import { tracePlatformCall } from '../tracing';

export async function observedAttempt<T extends { status: number }>(
  op: Pick<Operation, 'id'>, url: URL, correlationId: string | undefined, attempt: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const traced = tracePlatformCall({ operation: op.id, url, correlationId });
  try {
    const answer = await attempt();
    traced?.({ status: answer.status });
    return answer;
  } catch (error) {
    traced?.({ error: error instanceof Error ? error : new Error(String(error)) });
    throw error;
  } finally {
    countMetric('PlatformCalls');
    durationMetric('PlatformLatency', performance.now() - started);
  }
}
