/** The gateway's log lines (JSON) printed while `run` runs (its failure ignored), and everything printed, raw. */
export async function logLines(run: () => Promise<unknown>): Promise<{ lines: Array<Record<string, any>>; raw: string }> {
  const stdout = jest.spyOn(process.stdout, 'write');
  const stderr = jest.spyOn(process.stderr, 'write');
  try {
    await run().catch(() => undefined);
    const printed = [...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk));
    return { lines: printed.filter((text) => text.startsWith('{"level":')).map((text) => JSON.parse(text)), raw: printed.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
