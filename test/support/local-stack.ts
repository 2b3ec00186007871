/** The local stack for end-to-end tests: the same scripts/local-stack.mjs that `npm start` runs. */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateSandboxCredentials, type LoadedCredentials } from '../../sandbox/project/credentials';
import { testLogDir } from './test-log-dir';
// @ts-expect-error plain ESM script without types, shared with `npm start`
import { startLocalStack } from '../../scripts/local-stack.mjs';

export interface Ports {
  sandbox: number;
  secretsManager: number;
  dynamodb: number;
  http: number;
  lambda: number;
  /** The API reference (scripts/reference-server.mjs). */
  reference: number;
  eventBridge: number;
  sqs: number;
}

export interface RunningStack {
  ports: Ports;
  credentials: LoadedCredentials;
  /** Everything the functions and the sandbox printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Ports of their own, so a developer's `npm start` can keep running beside the tests;
 * E2E_PORT_OFFSET moves them all, so two checkouts can run their suites side by side.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;
export const E2E_PORTS: Ports = {
  sandbox: 14010 + offset, secretsManager: 14566 + offset, dynamodb: 14569 + offset, http: 13000 + offset, lambda: 13002 + offset, reference: 13004 + offset,
  eventBridge: 14587 + offset, sqs: 14576 + offset,
};

export async function startTestStack(ports: Ports = E2E_PORTS): Promise<RunningStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-e2e-'));
  const credentials = await loadOrCreateSandboxCredentials(dir);
  const stack = await startLocalStack({ ports, extraEnv: { SANDBOX_CREDENTIALS_DIR: dir } });
  return {
    ports,
    credentials,
    output: () => stack.processes.map((p: { output: () => string }) => p.output()).join('\n'),
    stop: async () => {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
      // The functions' and the sandbox's output joins the suite's logs for the leak scan.
      appendFileSync(path.join(testLogDir(), `local-stack-${process.pid}.log`), stack.processes.map((p: { output: () => string }) => p.output()).join('\n'));
    },
  };
}
