/** Checks the request against the operation's catalog schema before anything else happens (compiled at build time in a function). */
import type { GatewayOperation } from '../catalog/types';
import { invalidRequest } from '../errors';
import type { GatewayMiddleware, GatewayRequest } from './types';

export function validateRequest(op: Pick<GatewayOperation, 'checks'>): GatewayMiddleware {
  function validateRequestBefore(request: GatewayRequest): void {
    const violation = op.checks.request.firstViolation(request.event);
    if (violation) throw invalidRequest(violation.field, violation.rule);
    request.event = op.checks.request.normalizeIntegers(request.event);
  }
  return { before: validateRequestBefore };
}
