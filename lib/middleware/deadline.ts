/**
 * The upstream deadline: the operation's budget, cut short by the Lambda's remaining time less a
 * margin to answer, so a hung platform yields a 504 rather than a Lambda timeout.
 */
import type { GatewayOperation } from '../catalog/types';
import { config } from '../config';
import type { GatewayMiddleware, GatewayRequest } from './types';

/** Kept from the Lambda's remaining time, so the answer is written before Lambda times the function out. */
export const LAMBDA_EXIT_MARGIN_MS = 500;

export function deadline(op: Pick<GatewayOperation, 'timeoutMs'>): GatewayMiddleware {
  function deadlineBefore(request: GatewayRequest): void {
    const now = Date.now();
    const budget = op.timeoutMs ?? config().operationBudgetMs;
    const remaining = typeof request.context?.getRemainingTimeInMillis === 'function'
      ? request.context.getRemainingTimeInMillis() - LAMBDA_EXIT_MARGIN_MS
      : budget;
    request.context.deadline = now + Math.max(1, Math.min(budget, remaining));
  }
  return { before: deadlineBefore };
}
