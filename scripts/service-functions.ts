/**
 * The functions that are not catalog operations, declared once: `npm run generate` writes their
 * functions/ file and their part of serverless.yml's functions block from this list, as it does an
 * operation's from the catalog. A new one adds an entry, and a trigger kind to `ServiceTrigger` and
 * to scripts/functions-block.ts if it needs one.
 */
import { CALLBACK_RECEIVER } from '../lib/callbacks/route';
import { SWEEPER_FUNCTION } from '../lib/reconciler/name';

/**
 * How the function is reached. `public-http`: an HTTP API route WITHOUT IAM authorization (the
 * platform cannot sign SigV4). `schedule`: an EventBridge schedule, never a route; `rate` is
 * serverless.yml's text of the rate expression.
 */
export type ServiceTrigger = { kind: 'public-http'; method: 'POST'; path: string } | { kind: 'schedule'; rate: string };

export interface ServiceFunction {
  /** serverless.yml's function key; the function is `<service>-<stage>-<key>`. */
  key: string;
  /** functions/<file>.ts */
  file: string;
  description: string;
  /** functions/<file>.ts is `import { <factory> } from '<from>'; export const handler = <factory>();`. */
  handler: { factory: string; from: string };
  /** The execution role's logical id in serverless.yml. */
  role: string;
  /** Lambda's asynchronous retries (the generator's rule for operations: 0 for what must not run twice). */
  maximumRetryAttempts: number;
  /** The function's own variables, beside the provider's. */
  environment: Readonly<Record<string, string>>;
  trigger: ServiceTrigger;
  /** Seconds; the provider's default when absent. */
  timeout?: number;
  /** serverless.yml's text; the stage's `reservedConcurrency` param when absent. */
  reservedConcurrency?: string;
}

export const SERVICE_FUNCTIONS: readonly ServiceFunction[] = [
  {
    key: CALLBACK_RECEIVER.id,
    file: 'konaplate-callback',
    description: 'Callbacks from KONA PLATE: verified, recorded once, handed to the stage event bus',
    handler: { factory: 'callbackReceiver', from: '../lib/callbacks/receiver' },
    role: 'CallbackReceiverRole',
    // Only API Gateway calls it, synchronously; a repeated event is recorded once anyway.
    maximumRetryAttempts: 2,
    environment: {
      KONAPLATE_EVENT_BUS: '${self:custom.eventBus}',
      KONAPLATE_EVENTS_TABLE: '${self:custom.eventsTable}',
      KONAPLATE_FAILURE_QUEUE_URL: '${param:failureQueueUrl}',
    },
    trigger: { kind: 'public-http', method: 'POST', path: CALLBACK_RECEIVER.path },
  },
  {
    key: SWEEPER_FUNCTION,
    file: 'ledger-sweeper',
    description: 'Settles money records callers left open and hands their events on once; alarm open-money-records (lib/reconciler)',
    handler: { factory: 'sweeperHandler', from: '../lib/reconciler/handler' },
    role: 'LedgerSweeperRole',
    // The next run is minutes away; a retry would only overlap it.
    maximumRetryAttempts: 0,
    environment: {
      KONAPLATE_IDEMPOTENCY_TABLE: '${self:custom.idempotencyTable}',
      KONAPLATE_SETTLE_MS: "${env:KONAPLATE_SETTLE_MS, '60000'}",
      KONAPLATE_EVENT_BUS: '${self:custom.eventBus}',
      KONAPLATE_EVENTS_TABLE: '${self:custom.eventsTable}',
      KONAPLATE_FAILURE_QUEUE_URL: '${param:failureQueueUrl}',
    },
    trigger: { kind: 'schedule', rate: 'rate(${param:ledgerSweepRate})' },
    // Room for a few hundred records (each at most 8 s, lib/reconciler/sweep.ts); one sweep at a time.
    timeout: 240,
    reservedConcurrency: '1',
  },
];
