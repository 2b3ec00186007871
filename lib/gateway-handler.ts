/**
 * The handler of every operation: `export const handler = gatewayHandler(op)`. Middleware order:
 * invocation metrics (outermost: measures the answer and writes the metrics line) → answer (formats
 * results and errors) → log context → event → validate → deadline → credentials → the platform call.
 */
import middy from '@middy/core';
import type { GatewayOperation } from './catalog/types';
import { defaultCredentialStore, type CredentialStore } from './credentials';
import { configurationError } from './errors';
import { answer } from './middleware/answer';
import { deadline } from './middleware/deadline';
import { eventInput } from './middleware/event-input';
import { injectCredentials } from './middleware/inject-credentials';
import { invocationMetrics } from './middleware/invocation-metrics';
import { logContext } from './middleware/log-context';
import type { GatewayContext, GatewayState } from './middleware/types';
import { validateRequest } from './middleware/validate-request';
import { defaultKeyCache, type CallResult } from './upstream/call';
import type { callMoneyOperation } from './upstream/money';
import { callWithPolicy } from './upstream/policy';
import type { IdempotencyStore } from './idempotency/store';

export interface GatewayDependencies {
  store?: () => CredentialStore;
  baseUrl?: () => string | undefined;
  /** Money operations only (`moneySafety()` in lib/idempotency): their ledger and flow, bundled only with them. */
  money?: MoneySafety;
}

export interface MoneySafety {
  ledger: () => IdempotencyStore;
  settleMs: () => number;
  call: typeof callMoneyOperation;
}

const baseUrlFromEnv = () => process.env.KONAPLATE_BASE_URL;

export function gatewayHandler(op: GatewayOperation, deps: GatewayDependencies = {}) {
  const store = deps.store ?? defaultCredentialStore;
  const baseUrl = deps.baseUrl ?? baseUrlFromEnv;
  // Prefetch at init so the first invocation does not wait for Secrets Manager; failures surface per call.
  try {
    store().prefetch();
  } catch {
    // KONAPLATE_SECRET_ID unset: the first invocation reports it.
  }

  return middy<unknown, unknown, Error, GatewayContext, GatewayState>({ timeoutEarlyInMillis: 0 })
    .use(invocationMetrics(op))
    .use(answer(op))
    .use(logContext(op))
    .use(eventInput())
    .use(validateRequest(op))
    .use(deadline(op))
    .use(injectCredentials(store))
    .handler(async (input, context): Promise<CallResult> => {
      const url = baseUrl();
      if (!url) throw configurationError('KONAPLATE_BASE_URL is not set');
      const policy = { baseUrl: url, credentials: context.credentials, store: store(), deadline: context.deadline, keys: defaultKeyCache };
      if (op.kind !== 'money') return callWithPolicy(op, input, policy);
      // A money operation without its ledger could charge twice on a caller's retry: refuse to run.
      if (!deps.money) throw configurationError(`money operation ${op.id} must be built with moneySafety()`);
      return deps.money.call(op, input as Record<string, unknown>, { ...policy, ledger: deps.money.ledger(), settleMs: deps.money.settleMs() });
    });
}
