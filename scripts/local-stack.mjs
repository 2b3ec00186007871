// Starts and stops the local stack: the sandbox platform + local Secrets Manager (sandbox/main.ts),
// serverless-offline in front of the functions, the local DynamoDB and the API reference. Used by
// `npm start` and by the end-to-end tests, so both run the very same stack. Everything binds to 127.0.0.1.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalDynamoDb } from '../sandbox/aws/dynamodb.mjs';
import { startReferenceServer } from './reference-server.mjs';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_PORTS = { sandbox: 4010, secretsManager: 4566, dynamodb: 4569, http: 3000, lambda: 3002, reference: 3004, eventBridge: 4587, sqs: 4576 };
/** The environment variable that moves each port (README "The two commands"). */
export const PORT_VARIABLES = {
  sandbox: 'SANDBOX_PORT', secretsManager: 'SECRETS_MANAGER_PORT', dynamodb: 'DYNAMODB_PORT',
  http: 'HTTP_PORT', lambda: 'LAMBDA_PORT', reference: 'REFERENCE_PORT', eventBridge: 'EVENTBRIDGE_PORT', sqs: 'SQS_PORT',
};
export const DEFAULT_SECRET_ID = 'konaplate/sandbox';
export const IDEMPOTENCY_TABLE = 'konaplate-idempotency';
export const EVENTS_TABLE = 'konaplate-events';
/** serverless.yml's bus and failure queue names for the `local` stage, served by the sandbox's stand-ins. */
export const LOCAL_EVENT_BUS = 'konaplate-gateway-local';
export const LOCAL_FAILURE_QUEUE = 'konaplate-gateway-local-failed-invocations';
export const CALLBACK_PATH = '/callbacks/konaplate';

/** A problem the operator fixes by hand (a port taken, a bad variable): printed as its one-line message. */
export class StackProblem extends Error {
  constructor(message) {
    super(message);
    this.name = 'StackProblem';
  }
}

/** The ports from SANDBOX_PORT, HTTP_PORT, … (defaults otherwise); a value that is no port is a StackProblem. */
export function portsFromEnvironment(env = process.env) {
  const ports = {};
  for (const [key, variable] of Object.entries(PORT_VARIABLES)) {
    const text = env[variable];
    if (text === undefined || text === '') {
      ports[key] = DEFAULT_PORTS[key];
      continue;
    }
    const port = Number(text);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StackProblem(`${variable}=${text} is not a port number (1-65535)`);
    ports[key] = port;
  }
  return ports;
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/**
 * Every port free, before anything is started or bundled: the first one taken is a StackProblem
 * naming it and the variable that moves it.
 */
export async function checkPorts(ports) {
  const seen = new Map();
  for (const [key, port] of Object.entries(ports)) {
    if (seen.has(port)) throw new StackProblem(`${PORT_VARIABLES[seen.get(port)]} and ${PORT_VARIABLES[key]} are both ${port}: give each its own port`);
    seen.set(port, key);
  }
  for (const [key, port] of Object.entries(ports)) {
    const code = await canListen(port);
    if (code === 'EADDRINUSE') throw new StackProblem(`port ${port} is in use (${PORT_VARIABLES[key]} moves it)`);
    if (code) throw new StackProblem(`port ${port} cannot be opened on 127.0.0.1 (${code}; ${PORT_VARIABLES[key]} moves it)`);
  }
}

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
    // As Lambda sets it for an on-demand container, so a function's first invocation counts the ColdStart metric here too.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    SANDBOX_PORT: String(ports.sandbox),
    SECRETS_MANAGER_PORT: String(ports.secretsManager),
  };
}

function startProcess(name, args, env, readyPatterns, { timeoutMs = 60_000, echo = false } = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it takes its workers with it (and a Ctrl-C in the terminal
    // reaches only start-local, which stops each group in order).
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
  // Settled either way; whoever awaits it sees the rejection, a stop during start must not crash.
  ready.catch(() => undefined);
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
      // The group may outlive its leader (a worker still shutting down): end what is left.
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group gone */ }
      resolve();
    });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
  });
}

/**
 * The stack, not yet started. `start()` checks every port, then starts DynamoDB and the reference server
 * (in this process), then the sandbox and serverless-offline side by side; it resolves when all
 * answer. `stop()` may be called at any moment, during `start()` too: it ends whatever was
 * started, and `start()` then rejects. `echo` streams the children's output (for `npm start`).
 */
export function createLocalStack({ ports = DEFAULT_PORTS, secretId = DEFAULT_SECRET_ID, echo = false, extraEnv = {} } = {}) {
  const env = { ...localEnvironment(ports, secretId), ...extraEnv };
  const processes = [];
  const stops = new Map();
  let stopped = false;
  const stopAll = () => {
    for (const proc of [...processes].reverse()) if (!stops.has(proc)) stops.set(proc, proc.stop ? proc.stop() : stopProcess(proc));
    return Promise.all(stops.values()).then(() => undefined);
  };
  const stop = () => {
    stopped = true;
    return stopAll();
  };
  const started = (proc) => {
    processes.push(proc);
    // A stop that came while this one was starting.
    if (stopped) void stopAll();
    return proc;
  };
  const start = async () => {
    await checkPorts(ports);
    try {
      if (stopped) throw new StackProblem('stopped before it started');
      // The idempotency ledger's DynamoDB runs in this process: it lives exactly as long as the stack.
      const dynamo = await startLocalDynamoDb({ port: ports.dynamodb, table: IDEMPOTENCY_TABLE, tables: [EVENTS_TABLE] });
      started({ name: 'dynamodb', stop: dynamo.close, output: () => '' });
      const reference = await startReferenceServer({ port: ports.reference, apiPort: ports.http });
      started({ name: 'reference', stop: reference.close, output: () => '' });
      if (stopped) throw new StackProblem('stopped while starting');
      // Side by side: serverless-offline needs the sandbox only when a function is called.
      const sandbox = started(startProcess('sandbox', [require.resolve('tsx/cli'), 'sandbox/main.ts'], env,
        [/sandbox platform ready/, /secrets manager ready/, /eventbridge ready/, /sqs ready/], { echo }));
      const offline = started(startProcess('serverless-offline', [
        require.resolve('serverless/bin/serverless.js'), 'offline', 'start',
        '--httpPort', String(ports.http), '--lambdaPort', String(ports.lambda),
        '--host', '127.0.0.1', '--terminateIdleLambdaTime', '600',
      ], env, [/Server ready/], { echo, timeoutMs: 180_000 }));
      await Promise.all([sandbox.ready, offline.ready]);
      if (stopped) throw new StackProblem('stopped while starting');
    } catch (error) {
      await stop();
      throw error;
    }
  };
  return { ports, env, start, stop, processes };
}

/** Starts the stack (see createLocalStack) and resolves to it once everything answers. */
export async function startLocalStack(options = {}) {
  const stack = createLocalStack(options);
  await stack.start();
  return stack;
}
