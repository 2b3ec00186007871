/**
 * The upstream deadline: the operation's budget, cut short by the Lambda's remaining time less a
 * margin to answer, so a hung platform yields a 504 rather than a Lambda timeout.
 */
import type { Operation } from '../catalog/types';
import type { GatewayRequest } from './types';

export const DEFAULT_OPERATION_BUDGET_MS = 10_000;
export const ANSWER_MARGIN_MS = 500;

export function deadline(op: Operation) {
  return {
    name: 'deadline',
    before: (request: GatewayRequest) => {
      const now = Date.now();
      const budget = op.timeoutMs ?? Number(process.env.KONAPLATE_TIMEOUT_MS ?? DEFAULT_OPERATION_BUDGET_MS);
      const remaining = typeof request.context?.getRemainingTimeInMillis === 'function'
        ? request.context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS
        : budget;
      request.context.deadline = now + Math.max(1, Math.min(budget, remaining));
    },
  };
}
