/**
 * The sandbox platform and the local Secrets Manager for the benchmark, in their own process (so
 * their CPU does not share a core's event loop with what is measured), on 127.0.0.1, port 0.
 * argv[2]: a JSON file of sandbox credentials (bench/run.ts writes it, mode 0600, in a temp dir).
 * Prints one line `BENCH_SANDBOX {"platformUrl","secretsManagerUrl"}`; stops when stdin closes.
 */
import { readFileSync } from 'node:fs';
import type { SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform } from '../../sandbox/platform/server';
import { startSecretsManager } from '../../sandbox/aws/secrets-manager';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: sandbox-child.ts <credentials.json>');
  const { credentials, secretId } = JSON.parse(readFileSync(file, 'utf8')) as { credentials: SandboxCredentials; secretId: string };
  const platform = await startPlatform({ project: credentials.project });
  const secrets = await startSecretsManager({ secrets: { [secretId]: JSON.stringify(credentials.clientSecret) } });
  process.stdout.write(`BENCH_SANDBOX ${JSON.stringify({ platformUrl: platform.url, secretsManagerUrl: secrets.url })}\n`);
  const stop = () => {
    Promise.all([platform.close(), secrets.close()]).finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`bench sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
