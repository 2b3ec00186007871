/**
 * The ledger sweeper's function (`ledgerSweeper` in serverless.yml): run on a schedule, it settles
 * every money record callers left open (./sweep.ts), hands each settlement to the stage's bus as the
 * platform event a callback would have been, and writes its figures as metrics, among them
 * `OpenMoneyRecordsOverADay`, which the `open-money-records` alarm watches. Not an API route.
 */
import type { Context } from 'aws-lambda';
import { config } from '../config';
import { defaultCredentialStore, type CredentialStore } from '../credentials';
import { configurationError } from '../errors';
import { logger } from '../log';
import { countMetric, publishMetrics } from '../metrics';
import { containerLedger } from '../money/container-ledger';
import type { Ledger } from '../money/ledger';
import { defaultKeyCache } from '../upstream/call';
import { eventBridgePublisher } from './event-bridge';
import type { PublishEvents } from './events';
import { MONEY_OPERATIONS } from './operations';
import { sweep, type SweepReport } from './sweep';

export const SWEEPER_FUNCTION = 'ledgerSweeper';
/** Kept from the function's time: to write the figures and answer. */
const SAFETY_MS = 3000;

/** What tests replace; a deployed function uses the container's own. */
export interface SweeperDependencies {
  ledger?: () => Ledger;
  store?: () => CredentialStore;
  baseUrl?: () => string | undefined;
  settleMs?: () => number;
  publish?: () => PublishEvents;
}

let publisher: PublishEvents | undefined;

function containerPublisher(): PublishEvents {
  if (publisher) return publisher;
  const bus = config().eventBus;
  if (!bus) throw configurationError('KONAPLATE_EVENT_BUS is not set');
  publisher = eventBridgePublisher(bus);
  return publisher;
}

export function sweeperHandler(deps: SweeperDependencies = {}) {
  return async function ledgerSweeper(_event: unknown, context: Context): Promise<SweepReport> {
    const started = Date.now();
    logger.addContext(context);
    logger.resetKeys();
    logger.appendKeys({ operation: SWEEPER_FUNCTION });
    try {
      const baseUrl = (deps.baseUrl ?? (() => config().baseUrl))();
      if (!baseUrl) throw configurationError('KONAPLATE_BASE_URL is not set');
      const store = (deps.store ?? defaultCredentialStore)();
      const report = await sweep({
        ledger: (deps.ledger ?? containerLedger)(),
        operations: MONEY_OPERATIONS,
        platform: { baseUrl, credentials: await store.get(), store, keys: defaultKeyCache },
        settleMs: (deps.settleMs ?? (() => config().settleMs))(),
        publish: (deps.publish ?? containerPublisher)(),
        deadline: started + context.getRemainingTimeInMillis() - SAFETY_MS,
      });
      countMetric('OpenMoneyRecords', report.open);
      countMetric('SweptRecords', report.settled);
      countMetric('SweepEvents', report.events);
      countMetric('SweepErrors', report.errors);
      countMetric('OpenMoneyRecordsOverADay', report.openOverADay);
      logger.info('ledger swept', { ...report, ms: Date.now() - started });
      return report;
    } finally {
      publishMetrics(SWEEPER_FUNCTION);
    }
  };
}

export const handler = sweeperHandler();
