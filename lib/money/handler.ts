/**
 * The handler of a money operation: `moneyHandler(op)`, the chain of every handler
 * (lib/gateway-handler.ts) with the money flow (./flow.ts) as its last step. Only money functions
 * (and the ledger sweeper, lib/reconciler/) import this folder, so only they bundle the DynamoDB client.
 */
import type { GatewayOperation } from '../catalog/types';
import { config } from '../config';
import { buildHandler, type GatewayDependencies } from '../gateway-handler';
import { containerLedger } from './container-ledger';
import { callMoneyOperation } from './flow';
import type { Ledger } from './ledger';

export interface MoneyDependencies extends GatewayDependencies {
  ledger?: () => Ledger;
  settleMs?: () => number;
  /** How long a claim outlives the call's deadline (default 5 s): tests shorten it to play a container that died. */
  leaseMarginMs?: number;
}

/** A charge, payment, their cancels or a refund: claimed in the ledger, sent at most once, its lost answer's outcome learned (./flow.ts). */
export function moneyHandler(op: GatewayOperation<'money'>, deps: MoneyDependencies = {}) {
  const ledger = deps.ledger ?? containerLedger;
  const settleMs = deps.settleMs ?? (() => config().settleMs);
  return buildHandler(op, deps, (input, policy) =>
    callMoneyOperation(op, input as Record<string, unknown>, {
      ...policy, ledger: ledger(), settleMs: settleMs(), ...(deps.leaseMarginMs === undefined ? {} : { leaseMarginMs: deps.leaseMarginMs }),
    }));
}
