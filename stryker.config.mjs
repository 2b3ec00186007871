// @ts-check
/**
 * Mutation testing of the rules the gateway must keep (`npm run mutate`, not part of `npm test`):
 * the protocol, the upstream client and its retry policy, the request/answer checks, the money
 * flow. Each file must score at least 90 %, and every mutant that survives must be listed with the
 * reason no behaviour can tell it apart in docs/mutation-testing.md (scripts/mutation-scores.mjs
 * checks both after the run). Details and figures: docs/mutation-testing.md.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/*', './scripts/stryker/ignore-log-calls.mjs'],
  // No mutant inside a logger call: a log line's wording is not a rule (the plugin says why).
  ignorers: ['log-calls'],
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  // Each mutant runs only the tests that reached it in the first, instrumented run.
  coverageAnalysis: 'perTest',
  // Jest runs every covering test anyway; this keeps all of the failing ones in the report (killedBy),
  // which is how docs/mutation-testing.md tells which mutants the tests before the rule tests killed.
  disableBail: true,
  // A mutant of a module-level constant (header names, the cipher table, the time zones) takes effect
  // only when the module loads, so Stryker would reload and run every related test for each: hours
  // here. They are left out of the score; docs/mutation-testing.md says which tests pin those values.
  ignoreStatic: true,
  mutate: [
    'lib/protocol/*.ts',
    '!lib/protocol/index.ts',
    '!lib/protocol/json.ts',
    'lib/upstream/*.ts',
    'lib/catalog/validate.ts',
    'lib/catalog/checks.ts',
    'lib/money/*.ts',
  ],
  // Two cores, shared: two test runners; a busy machine slows tests, so timeouts are generous.
  concurrency: 2,
  timeoutMS: 10000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  // Results of mutants whose code and covering tests did not change are reused (file git-ignored).
  incremental: true,
  incrementalFile: '.local/mutation/incremental.json',
  tempDirName: '.local/stryker-tmp',
  ignorePatterns: ['.local', '.esbuild', '.serverless', 'coverage'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.local/mutation/report.html' },
  jsonReporter: { fileName: '.local/mutation/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 90, break: null },
};
