/**
 * The ledger sweeper's function (`ledgerSweeper`, declared in scripts/service-functions.ts): run on
 * a schedule, it settles every money record callers left open (./sweep.ts), hands each settlement to
 * the stage's bus as the platform event a callback would have been (lib/events, once), and writes its figures as metrics, among them
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
import { eventHandOff, type HandOffDependencies } from '../events';
import { SWEEPER_FUNCTION } from './name';
import { MONEY_OPERATIONS } from './operations';
import { sweep, type SweepReport } from './sweep';

/** Kept from the function's time: to write the figures and answer. */
const SAFETY_MS = 3000;

/** What tests replace; a deployed function uses the container's own. */
export interface SweeperDependencies {
  ledger?: () => Ledger;
  store?: () => CredentialStore;
  baseUrl?: () => string | undefined;
  settleMs?: () => number;
  events?: () => HandOffDependencies;
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
        events: (deps.events ?? eventHandOff)(),
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

