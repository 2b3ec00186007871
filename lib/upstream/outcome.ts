/**
 * What became of a money request whose answer was lost: the platform is asked by sequenceId
 * (protocol.md §7.2) until it says COMPLETED or FAILED, or the deadline nears. "No such
 * sequenceId" only proves the request never arrived once the original attempt is long over
 * (`settled`): right after a timeout the request may still be on its way.
 */
import type { GatewayOperation } from '../catalog/types';
import { GatewayError } from '../errors';
import { logger } from '../log';
import { countMetric } from '../metrics';
import { callWithPolicy, type PolicyContext } from './policy';

export type Outcome = 'COMPLETED' | 'FAILED' | 'PENDING' | 'NOT_FOUND' | 'UNKNOWN';

const FIRST_POLL_MS = 150;
const MAX_POLL_MS = 1000;
/** Leave time to store the outcome and answer. */
const ANSWER_MARGIN_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function askOutcome(inquiry: GatewayOperation, sequenceId: string, ctx: PolicyContext, settled: boolean): Promise<Outcome> {
  let last: Outcome = 'UNKNOWN';
  for (let wait = FIRST_POLL_MS; ; wait = Math.min(MAX_POLL_MS, wait * 2)) {
    const left = ctx.deadline - ANSWER_MARGIN_MS - Date.now();
    if (left <= 0) return last;
    try {
      countMetric('OutcomeInquiries');
      const { data } = await callWithPolicy(inquiry, { sequenceId }, { ...ctx, deadline: Date.now() + left });
      const result = String(data.result);
      if (result === 'COMPLETED' || result === 'FAILED') return result;
      last = result === 'PENDING' ? 'PENDING' : 'UNKNOWN';
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      if (error.kind === 'not_found') {
        if (settled) return 'NOT_FOUND';
      } else if (error.delivery === 'refused') {
        logger.warn('outcome inquiry refused', { sequenceId, code: error.details.platformCode });
        return last;
      }
    }
    if (ctx.deadline - ANSWER_MARGIN_MS - Date.now() < wait) return last;
    await sleep(wait);
  }
}
