/**
 * The functions that are not catalog operations, declared once: `npm run generate` writes their
 * functions/ file and their part of serverless.yml's functions block from this list, as it does an
 * operation's from the catalog. A new one (a reconciler on a schedule, say) adds an entry, and a
 * trigger kind to `ServiceTrigger` and to scripts/functions-block.ts if it needs one.
 */
import { CALLBACK_RECEIVER } from '../lib/callbacks/route';

/** How the function is reached. `public-http`: an HTTP API route WITHOUT IAM authorization (the platform cannot sign SigV4). */
export type ServiceTrigger = { kind: 'public-http'; method: 'POST'; path: string };

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
];
