// @ts-check
/**
 * Mutation testing of the rules the gateway must keep (`npm run mutate`, not part of `npm test`):
 * the protocol, the upstream client and its retry policy, the request/answer checks, the money
 * flow. Each file must score at least 90 %, and every mutant that survives must be listed with the
 * reason no behaviour can tell it apart in docs/mutation-testing.md (scripts/mutation-scores.mjs
 * checks both after the run). Details and figures: docs/mutation-testing.md.
 */
import { MUTATION_PARTS } from './scripts/stryker/parts.mjs';

// `npm run mutate` runs one part (a folder of rules) at a time (scripts/mutate.mjs): each part has
// its own report and incremental file, so a part's survivors can be read while the next one runs.
const part = process.env.MUTATION_PART ?? 'all';
const files = part === 'all' ? Object.values(MUTATION_PARTS).flat() : MUTATION_PARTS[part];
if (!files) throw new Error(`MUTATION_PART=${part}: not one of ${Object.keys(MUTATION_PARTS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/*', './scripts/stryker/ignore-log-calls.mjs', './scripts/stryker/live-survivors.mjs'],
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
  mutate: files,
  // Two cores, shared: two test runners; a busy machine slows tests, so timeouts are generous.
  concurrency: 2,
  timeoutMS: 10000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  // Results of mutants whose code and covering tests did not change are reused (file git-ignored).
  incremental: true,
  incrementalFile: `.local/mutation/${part}.incremental.json`,
  tempDirName: '.local/stryker-tmp',
  // bench/.out holds the bench's copy of the service, links to whole folders (npm run bench).
  ignorePatterns: ['.local', '.esbuild', '.serverless', 'coverage', 'bench/.out'],
  reporters: ['clear-text', 'progress', 'html', 'json', 'live-survivors'],
  htmlReporter: { fileName: `.local/mutation/${part}.html` },
  jsonReporter: { fileName: `.local/mutation/${part}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 90, break: null },
};
