/** The ledger sweeper's function key in serverless.yml (also its metrics `operation`): scripts/service-functions.ts. */
export const SWEEPER_FUNCTION = 'ledgerSweeper';
