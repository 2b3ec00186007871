/**
 * Entry of `npm run conformance`. The gateway's JSON log lines and metrics are for Lambda: a person
 * running this reads the report, so they are quietened before the gateway's modules load.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

void import('./cli').then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
});
