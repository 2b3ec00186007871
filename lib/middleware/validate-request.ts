/** Checks the request against the operation's catalog schema before anything else happens. */
import type { Operation } from '../catalog/types';
import { firstViolation, normalizeIntegers } from '../catalog/validate';
import { invalidRequest } from '../errors';
import type { GatewayRequest } from './types';

export function validateRequest(op: Operation) {
  return {
    name: 'validateRequest',
    before: (request: GatewayRequest) => {
      const violation = firstViolation(op.request, request.event);
      if (violation) throw invalidRequest(violation.field, violation.rule);
      request.event = normalizeIntegers(op.request, request.event);
    },
  };
}
