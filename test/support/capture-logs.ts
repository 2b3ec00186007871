/**
 * Runs before every test file: copies everything the tests print (stdout, stderr, console) into
 * .local/test-logs/, where the leak scan at the end of `npm test` reads it. Mutation runs
 * (jest.stryker.config.js) set TEST_LOGS=discard: they run no leak scan, and keeping the
 * output of thousands of runs would only fill the disk.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { testLogDir } from './test-log-dir';

const discard = process.env.TEST_LOGS === 'discard';
const show = Boolean(process.env.TEST_LOGS) && !discard;
const dir = testLogDir();
if (!discard) mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${process.pid}.log`);

const record = (text: string) => {
  if (!discard) appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
};

for (const stream of [process.stdout, process.stderr]) {
  const marker = stream as NodeJS.WriteStream & { __captured?: boolean };
  if (marker.__captured) continue;
  marker.__captured = true;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    record(text);
    // The gateway's own JSON log and metrics lines are kept for the scan, not echoed (thousands per run); TEST_LOGS=1 shows them.
    if (!show && (text.startsWith('{"level":') || text.startsWith('{"_aws":'))) return true;
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    record(format(...args));
    original(...args);
  };
}
