import path from 'node:path';

/**
 * This run's log directory: set by the global setup (inherited by the test workers), so that
 * concurrent `jest` runs on one machine never mix or delete each other's logs.
 */
export function testLogDir(): string {
  return process.env.KONAPLATE_TEST_LOG_DIR ?? path.resolve(__dirname, '../../.local/test-logs', `run-${process.pid}`);
}
