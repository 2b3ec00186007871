import { publishMetrics } from '../../lib/metrics';

/**
 * The metrics `run` recorded, as the EMF line the invocation would print (lib/metrics.ts): what was
 * recorded before is flushed unseen first. Each name maps to its value(s).
 */
export async function publishedMetrics(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    publishMetrics('rules');
    stdout.mockClear();
    await run().catch(() => undefined);
    publishMetrics('rules');
    const line = stdout.mock.calls.map(([chunk]) => String(chunk)).find((text) => text.startsWith('{"_aws"'));
    return line ? (JSON.parse(line) as Record<string, unknown>) : {};
  } finally {
    stdout.mockRestore();
  }
}
