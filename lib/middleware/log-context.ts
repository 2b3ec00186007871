/**
 * Log keys for every line of the invocation: the Lambda context, the operation, and for an API
 * Gateway call the IAM caller API Gateway verified (`caller`: arn, accountId, id, orgId). The caller's
 * access key id is never taken. A direct invoke carries no identity: neither its event nor the
 * Lambda context says who invoked (CloudTrail's Lambda data events do).
 * Runs before eventInput, which replaces the API Gateway event by its body.
 */
import type { GatewayOperation } from '../catalog/types';
import { logger } from '../log';
import type { GatewayMiddleware, GatewayRequest } from './types';

export interface CallerIdentity {
  arn?: string;
  accountId?: string;
  /** The IAM unique id of the principal (`AIDA…`/`AROA…:session`). */
  id?: string;
  /** The AWS Organizations id of the principal's account (HTTP API only). */
  orgId?: string;
}

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => value !== null && typeof value === 'object' && !Array.isArray(value);

function present(candidate: Record<keyof CallerIdentity, unknown>): CallerIdentity | undefined {
  const identity: CallerIdentity = {};
  for (const [key, value] of Object.entries(candidate)) {
    if (typeof value === 'string' && value.length > 0) identity[key as keyof CallerIdentity] = value;
  }
  return Object.keys(identity).length > 0 ? identity : undefined;
}

/**
 * The IAM caller of an API Gateway event: HTTP API (v2) `requestContext.authorizer.iam`, REST API
 * (v1) `requestContext.identity`. Undefined for a direct invoke or a route without IAM authorization.
 */
export function callerOf(event: unknown): CallerIdentity | undefined {
  const context = isRecord(event) ? event.requestContext : undefined;
  if (!isRecord(context)) return undefined;
  const iam = isRecord(context.authorizer) ? context.authorizer.iam : undefined;
  if (isRecord(iam)) {
    return present({ arn: iam.userArn, accountId: iam.accountId, id: iam.callerId ?? iam.userId, orgId: iam.principalOrgId });
  }
  const identity = context.identity;
  if (isRecord(identity)) {
    return present({ arn: identity.userArn, accountId: identity.accountId, id: identity.caller ?? identity.user, orgId: undefined });
  }
  return undefined;
}

export function logContext(op: Pick<GatewayOperation, 'id'>): GatewayMiddleware {
  function logContextBefore(request: GatewayRequest): void {
    logger.addContext(request.context);
    // Keys of the previous invocation (its caller) must not outlive it in a warm container.
    logger.resetKeys();
    const caller = callerOf(request.event);
    logger.appendKeys(caller ? { operation: op.id, caller } : { operation: op.id });
  }
  return { before: logContextBefore };
}
