/**
 * `npm run sandbox`: the local KONA PLATE and the local Secrets Manager holding the gateway's
 * secret, both on 127.0.0.1, until SIGINT/SIGTERM. Prints where they listen and nothing secret.
 *
 * Environment: SANDBOX_PORT (4010), SECRETS_MANAGER_PORT (4566), KONAPLATE_SECRET_ID
 * (konaplate/sandbox), SANDBOX_CREDENTIALS_DIR (.local).
 */
import { stringifyJson } from '../lib/protocol/json';
import { loadOrCreateSandboxCredentials } from './project/credentials';
import { startPlatform } from './platform/server';
import { startSecretsManager } from './aws/secrets-manager';

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
  const platform = await startPlatform({ project: credentials.project, port: portFromEnv('SANDBOX_PORT', 4010) });
  const secretsManager = await startSecretsManager({
    port: portFromEnv('SECRETS_MANAGER_PORT', 4566),
    secrets: { [secretId]: stringifyJson(credentials.clientSecret) },
  }).catch(async (error: unknown) => {
    await platform.close();
    throw error;
  });
  console.log(`sandbox platform ready at ${platform.url}`);
  console.log(`secrets manager ready at ${secretsManager.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    Promise.all([platform.close(), secretsManager.close()]).then(
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
