/**
 * `npm run sandbox`: the local KONA PLATE, the local Secrets Manager holding the gateway's secret,
 * and the local EventBridge and SQS the callback receiver hands platform events to, all on
 * 127.0.0.1, until SIGINT/SIGTERM. Prints where they listen and nothing secret.
 *
 * Environment: SANDBOX_PORT (4010), SECRETS_MANAGER_PORT (4566), EVENTBRIDGE_PORT (4587),
 * SQS_PORT (4576), KONAPLATE_SECRET_ID (konaplate/sandbox), KONAPLATE_EVENT_BUS
 * (konaplate-gateway-local), SANDBOX_CALLBACK_URL (none: no callbacks), SANDBOX_CREDENTIALS_DIR (.local).
 */
import { stringifyJson } from '../lib/protocol/json';
import { loadOrCreateSandboxCredentials } from './project/credentials';
import { startPlatform } from './platform/server';
import { startEventBridge } from './aws/eventbridge';
import { startSecretsManager } from './aws/secrets-manager';
import { startSqs } from './aws/sqs';

/** The local stage's failure queue (serverless.yml's FailureQueue name for stage `local`). */
export const LOCAL_FAILURE_QUEUE = 'konaplate-gateway-local-failed-invocations';

function portFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number 0-65535`);
  return port;
}

async function main(): Promise<void> {
  const credentials = await loadOrCreateSandboxCredentials(process.env.SANDBOX_CREDENTIALS_DIR || '.local');
  const secretId = process.env.KONAPLATE_SECRET_ID || 'konaplate/sandbox';
  const callbackUrl = process.env.SANDBOX_CALLBACK_URL || undefined;
  const platform = await startPlatform({
    project: credentials.project,
    port: portFromEnv('SANDBOX_PORT', 4010),
    timeZone: credentials.clientSecret.timeZone,
    ...(callbackUrl ? { callbacks: { url: callbackUrl } } : {}),
  });
  const started: Array<{ close(): Promise<void> }> = [platform];
  const closeAll = () => Promise.all(started.map((server) => server.close()));
  let secretsManager, eventBridge, sqs;
  try {
    secretsManager = await startSecretsManager({
      port: portFromEnv('SECRETS_MANAGER_PORT', 4566),
      secrets: { [secretId]: stringifyJson(credentials.clientSecret) },
    });
    started.push(secretsManager);
    eventBridge = await startEventBridge({ port: portFromEnv('EVENTBRIDGE_PORT', 4587), buses: [process.env.KONAPLATE_EVENT_BUS || 'konaplate-gateway-local'] });
    started.push(eventBridge);
    sqs = await startSqs({ port: portFromEnv('SQS_PORT', 4576), queues: [LOCAL_FAILURE_QUEUE] });
    started.push(sqs);
  } catch (error) {
    await closeAll();
    throw error;
  }
  console.log(`sandbox platform ready at ${platform.url}`);
  console.log(`secrets manager ready at ${secretsManager.url}`);
  console.log(`eventbridge ready at ${eventBridge.url} (events: GET ${eventBridge.url}/__events)`);
  console.log(`sqs ready at ${sqs.url} (failure queue ${sqs.queueUrl(LOCAL_FAILURE_QUEUE)})`);
  console.log(callbackUrl ? `callbacks go to ${callbackUrl}` : 'callbacks off (SANDBOX_CALLBACK_URL, or PUT /__sandbox/callbacks)');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    closeAll().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`sandbox did not stop cleanly on ${signal}:`, error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The message only: errors here are about ports and files, never about key material.
  console.error(`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
