/**
 * The handler of every operation, one middy chain: `gatewayHandler(op)` for reads and writes, and
 * `moneyHandler(op)` (lib/money/handler.ts) for money operations, the same chain with the money
 * flow as its last step. Middleware order: invocation metrics (outermost: measures the answer and
 * writes the metrics line) → format answer (results and errors) → log context → event → validate →
 * deadline → credentials → the last step, the platform call.
 */
import middy from '@middy/core';
import type { GatewayOperation } from './catalog/types';
import { config } from './config';
import { defaultCredentialStore, type CredentialStore } from './credentials';
import { configurationError } from './errors';
import { deadline } from './middleware/deadline';
import { eventInput } from './middleware/event-input';
import { formatAnswer } from './middleware/format-answer';
import { injectCredentials } from './middleware/inject-credentials';
import { invocationMetrics } from './middleware/invocation-metrics';
import { logContext } from './middleware/log-context';
import type { GatewayContext, GatewayState } from './middleware/types';
import { validateRequest } from './middleware/validate-request';
import { defaultKeyCache, type CallResult } from './upstream/call';
import { callWithPolicy, type PolicyContext } from './upstream/policy';

/** What tests replace; a deployed function uses the container's own (lib/config.ts). */
export interface GatewayDependencies {
  store?: () => CredentialStore;
  baseUrl?: () => string | undefined;
}

/** The chain's last step: the validated request, sent as the operation's kind requires. */
export type PlatformStep = (input: unknown, policy: PolicyContext) => Promise<CallResult>;

export function buildHandler(op: GatewayOperation, deps: GatewayDependencies, platformStep: PlatformStep) {
  const store = deps.store ?? defaultCredentialStore;
  const baseUrl = deps.baseUrl ?? (() => config().baseUrl);
  // Prefetch at init so the first invocation does not wait for Secrets Manager; failures surface per call.
  try {
    store().prefetch();
  } catch {
    // KONAPLATE_SECRET_ID unset: the first invocation reports it.
  }

  return middy<unknown, unknown, Error, GatewayContext, GatewayState>({ timeoutEarlyInMillis: 0 })
    .use(invocationMetrics(op))
    .use(formatAnswer(op))
    .use(logContext(op))
    .use(eventInput())
    .use(validateRequest(op))
    .use(deadline(op))
    .use(injectCredentials(store))
    .handler(async function callPlatformStep(input, context): Promise<CallResult> {
      const url = baseUrl();
      if (!url) throw configurationError('KONAPLATE_BASE_URL is not set');
      return platformStep(input, { baseUrl: url, credentials: context.credentials, store: store(), deadline: context.deadline, keys: defaultKeyCache });
    });
}

/** A read or a write: sent with the retry policy of its kind (lib/upstream/policy.ts). */
export function gatewayHandler(op: GatewayOperation<'read' | 'write'>, deps: GatewayDependencies = {}) {
  return buildHandler(op, deps, (input, policy) => callWithPolicy(op, input, policy));
}
