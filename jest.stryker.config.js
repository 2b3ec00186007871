/**
 * The jest configuration of mutation testing (stryker.config.mjs, `npm run mutate`): the unit tests
 * (the rules, pinned one by one in test/unit/*-rules.test.ts, and the protocol vectors) and the
 * contract and sandbox tests aimed at the mutated code. Each mutant runs every one of these tests
 * that reached it, so the broad suites stay out: the end-to-end and package suites (child processes
 * that build their own bundles and never see a mutant), the money soak test, the fault matrix and
 * the per-operation sandbox tests, which would make a run take hours on two cores. Neither the leak
 * scan (`npm test` runs it) nor the log copies run here (test/support/capture-logs.ts).
 */
const base = require('./jest.config');

process.env.TEST_LOGS = 'discard';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // Every folder a test reaches lib/ through, so that jest's --findRelatedTests (which Stryker runs
  // for each mutated file) follows the imports from a test file to the mutated one.
  roots: ['<rootDir>/test', '<rootDir>/lib', '<rootDir>/sandbox', '<rootDir>/client'],
  testMatch: [
    '<rootDir>/test/unit/**/*.test.ts',
    '<rootDir>/test/contract/{transport-failures,retry-policy,money-safety,ledger}.test.ts',
    '<rootDir>/test/sandbox/{compact-jwe,platform-headers,platform-body}.test.ts',
  ],
  globalSetup: undefined,
  globalTeardown: undefined,
};
