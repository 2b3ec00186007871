/**
 * The jest configuration of mutation testing (stryker.config.mjs, `npm run mutate`): the tests aimed
 * at the mutated code — the rules, pinned one by one (test/unit/*-rules.test.ts; for the money flow
 * the charge's, its clock's and the history-learned payments', cancels' and refunds'), the protocol
 * vectors, the answer's interpretation, the validators and their agreement, and the contract tests
 * of the transport and the ledger. For each mutant jest loads every listed test file that imports
 * the mutated one (its tests that never reached the mutant are skipped, but loading costs seconds),
 * so the broad suites stay out, or a run would take hours on two cores: the README, citation,
 * OpenAPI and client tests, the sandbox, the other contract tests (fault matrix, money soak, retries,
 * and payments, reconciliation and the sweeper against the sandbox: money-history-rules.test.ts pins
 * their rules in a second where they take half a minute) and the end-to-end and package suites (child processes that build
 * their own bundles: they never see a mutant). Neither the leak scan (`npm test` runs it) nor the
 * log copies run here (test/support/capture-logs.ts).
 */
const base = require('./jest.config');

process.env.TEST_LOGS = 'discard';
// The validators' agreement test (compiled-validators.test.ts) runs for every mutant of the checks:
// 50 generated invalid requests per schema instead of 200.
process.env.FUZZ_RUNS ??= '50';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // Every folder a test reaches lib/ through, so that jest's --findRelatedTests (which Stryker runs
  // for each mutated file) follows the imports from a test file to the mutated one.
  roots: ['<rootDir>/test', '<rootDir>/lib', '<rootDir>/sandbox', '<rootDir>/client'],
  testMatch: [
    '<rootDir>/test/unit/*-rules.test.ts',
    '<rootDir>/test/unit/{protocol,interpret-answer,platform-base-url,validation,compiled-validators,credentials,ledger-from-env}.test.ts',
    '<rootDir>/test/contract/{transport-failures,ledger}.test.ts',
  ],
  globalSetup: undefined,
  globalTeardown: undefined,
};
