/**
 * The upstream deadline: the operation's budget, cut short by the Lambda's remaining time less a
 * margin to answer, so a hung platform yields a 504 rather than a Lambda timeout.
 */
import type { GatewayOperation } from '../catalog/types';
import type { GatewayRequest } from './types';

export const DEFAULT_OPERATION_BUDGET_MS = 10_000;
export const ANSWER_MARGIN_MS = 500;

/** KONAPLATE_TIMEOUT_MS when it is a positive number of milliseconds, else the default. */
function budgetFromEnv(): number {
  const value = Number(process.env.KONAPLATE_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_OPERATION_BUDGET_MS;
}

export function deadline(op: GatewayOperation) {
  return {
    name: 'deadline',
    before: (request: GatewayRequest) => {
      const now = Date.now();
      const budget = op.timeoutMs ?? budgetFromEnv();
      const remaining = typeof request.context?.getRemainingTimeInMillis === 'function'
        ? request.context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS
        : budget;
      request.context.deadline = now + Math.max(1, Math.min(budget, remaining));
    },
  };
}
