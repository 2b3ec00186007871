/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 30000,
  // Every line the suite prints is kept and scanned for leaked secrets at the end (test/support/leak-scan.ts).
  setupFiles: ['<rootDir>/test/support/capture-logs.ts'],
  globalSetup: '<rootDir>/test/support/clear-logs.ts',
  globalTeardown: '<rootDir>/test/support/leak-scan.ts',
};
