// Starts and stops the local stack: the sandbox platform + local Secrets Manager (sandbox/main.ts)
// and serverless-offline in front of the functions. Used by `npm start` and by the end-to-end tests,
// so both run the very same stack. Everything binds to 127.0.0.1.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalDynamoDb } from '../sandbox/aws/dynamodb.mjs';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_PORTS = { sandbox: 4010, secretsManager: 4566, dynamodb: 4569, http: 3000, lambda: 3002, eventBridge: 4587, sqs: 4576 };
export const DEFAULT_SECRET_ID = 'konaplate/sandbox';
export const IDEMPOTENCY_TABLE = 'konaplate-idempotency';
export const EVENTS_TABLE = 'konaplate-events';
/** serverless.yml's bus and failure queue names for the `local` stage, served by the sandbox's stand-ins. */
export const LOCAL_EVENT_BUS = 'konaplate-gateway-local';
export const LOCAL_FAILURE_QUEUE = 'konaplate-gateway-local-failed-invocations';
export const CALLBACK_PATH = '/callbacks/konaplate';

/** Environment the functions run with locally: fake AWS credentials, SDK pointed at the local Secrets Manager. */
export function localEnvironment(ports, secretId = DEFAULT_SECRET_ID) {
  return {
    KONAPLATE_BASE_URL: `http://127.0.0.1:${ports.sandbox}/open-api`,
    KONAPLATE_SECRET_ID: secretId,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${ports.secretsManager}`,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${ports.dynamodb}`,
    KONAPLATE_IDEMPOTENCY_TABLE: IDEMPOTENCY_TABLE,
    // Platform events: the events table in the same dynalite, the bus and the failure queue in the
    // sandbox's stand-ins, and the sandbox calling back to the receiver's route.
    AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${ports.eventBridge}`,
    AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${ports.sqs}`,
    KONAPLATE_EVENTS_TABLE: EVENTS_TABLE,
    KONAPLATE_EVENT_BUS: LOCAL_EVENT_BUS,
    KONAPLATE_FAILURE_QUEUE_URL: `http://127.0.0.1:${ports.sqs}/000000000000/${LOCAL_FAILURE_QUEUE}`,
    SANDBOX_CALLBACK_URL: `http://127.0.0.1:${ports.http}${CALLBACK_PATH}`,
    EVENTBRIDGE_PORT: String(ports.eventBridge),
    SQS_PORT: String(ports.sqs),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'ap-northeast-2',
    SANDBOX_PORT: String(ports.sandbox),
    SECRETS_MANAGER_PORT: String(ports.secretsManager),
  };
}

function startProcess(name, args, env, readyPatterns, { timeoutMs = 60_000, echo = false } = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it takes its workers with it.
    detached: true,
  });
  let output = '';
  const pending = new Set(readyPatterns.map(String));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (echo) process.stdout.write(text);
      for (const pattern of readyPatterns) if (pattern.test(output)) pending.delete(String(pattern));
      if (pending.size === 0) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.slice(-4000)}`));
    });
  });
  return { name, child, ready, output: () => output };
}

function stopProcess(proc) {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
  });
}

/**
 * Starts the sandbox, then serverless-offline. Resolves when both answer; `stop()` ends both
 * process groups. `echo` streams their output (for `npm start`).
 */
export async function startLocalStack({ ports = DEFAULT_PORTS, secretId = DEFAULT_SECRET_ID, echo = false, extraEnv = {} } = {}) {
  const env = { ...localEnvironment(ports, secretId), ...extraEnv };
  const processes = [];
  const stop = async () => {
    await Promise.all(processes.reverse().map((proc) => (proc.stop ? proc.stop() : stopProcess(proc))));
  };
  try {
    // The idempotency ledger's DynamoDB runs in this process: it lives exactly as long as the stack.
    const dynamo = await startLocalDynamoDb({ port: ports.dynamodb, table: IDEMPOTENCY_TABLE, tables: [EVENTS_TABLE] });
    processes.push({ name: 'dynamodb', stop: dynamo.close, output: () => '' });
    const sandbox = startProcess('sandbox', [require.resolve('tsx/cli'), 'sandbox/main.ts'], env,
      [/sandbox platform ready/, /secrets manager ready/, /eventbridge ready/, /sqs ready/], { echo });
    processes.push(sandbox);
    await sandbox.ready;
    const offline = startProcess('serverless-offline', [
      require.resolve('serverless/bin/serverless.js'), 'offline', 'start',
      '--httpPort', String(ports.http), '--lambdaPort', String(ports.lambda),
      '--host', '127.0.0.1', '--terminateIdleLambdaTime', '600',
    ], env, [/Server ready/], { echo, timeoutMs: 120_000 });
    processes.push(offline);
    await offline.ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, env, stop, processes };
}
