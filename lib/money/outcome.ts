/**
 * What became of a money request whose answer was lost: the platform is asked by sequenceId
 * (protocol.md §7.2) until it says COMPLETED or FAILED, or the deadline nears. "No such
 * sequenceId" only proves the request never arrived once the original attempt is long over
 * (`settled`): right after a timeout the request may still be on its way.
 */
import { setTimeout } from 'node:timers/promises';
import type { GatewayOperation } from '../catalog/types';
import { GatewayError } from '../errors';
import { logger } from '../log';
import { countMetric } from '../metrics';
import { callWithPolicy, type PolicyContext } from '../upstream/policy';

export type Outcome = 'COMPLETED' | 'FAILED' | 'PENDING' | 'NOT_FOUND' | 'UNKNOWN';

const FIRST_POLL_MS = 150;
const MAX_POLL_MS = 1000;
/** Kept from the deadline after the last inquiry, to store the outcome in the ledger and answer. */
const LEDGER_WRITE_MARGIN_MS = 300;

export async function askOutcome(inquiry: GatewayOperation<'read'>, sequenceId: string, ctx: PolicyContext, settled: boolean): Promise<Outcome> {
  let last: Outcome = 'UNKNOWN';
  for (let wait = FIRST_POLL_MS; ; wait = Math.min(MAX_POLL_MS, wait * 2)) {
    const left = ctx.deadline - LEDGER_WRITE_MARGIN_MS - Date.now();
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
    if (ctx.deadline - LEDGER_WRITE_MARGIN_MS - Date.now() < wait) return last;
    await setTimeout(wait);
  }
}
