/** Jest global setup: a fresh log directory for this run's leak scan, named for the run. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export default async function clearLogs(): Promise<void> {
  const dir = path.resolve(__dirname, '../../.local/test-logs', `run-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  process.env.KONAPLATE_TEST_LOG_DIR = dir;
}
