/**
 * Jest global teardown: reads every log line the whole suite produced (in-process output and the
 * local stack's processes, .local/test-logs/) and fails the run if one leaks a secret.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findLeaks } from './leak-patterns';
import { testLogDir } from './test-log-dir';

export default async function leakScan(): Promise<void> {
  const LOG_DIR = testLogDir();
  let files: string[] = [];
  try {
    files = readdirSync(LOG_DIR).filter((name) => name.endsWith('.log'));
  } catch {
    // no log directory: nothing was printed
  }
  let lines = 0;
  const leaks = files.flatMap((name) => {
    const text = readFileSync(path.join(LOG_DIR, name), 'utf8');
    lines += text.split('\n').length;
    return findLeaks(text, name);
  });
  if (leaks.length > 0) {
    const summary = leaks.slice(0, 20).map((l) => `  ${l.file}:${l.line} ${l.name}`).join('\n');
    throw new Error(`log leak scan: ${leaks.length} leak(s) in ${lines} lines of test output (logs kept in ${LOG_DIR}):\n${summary}`);
  }
  console.log(`log leak scan: ${lines} lines of test output from ${files.length} file(s), 0 leaks`);
  if (!process.env.KEEP_TEST_LOGS) rmSync(LOG_DIR, { recursive: true, force: true });
}
