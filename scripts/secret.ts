// `npm run secret -- <put|add-key|remove-key> …`: see scripts/secret-builder.ts and README "Deploy to AWS".
import { text } from 'node:stream/consumers';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseCommand, runSecretCommand, SecretCommandError } from './secret-builder';

async function main(argv: string[]): Promise<void> {
  let region: string | undefined;
  try {
    region = parseCommand(argv).values.region;
  } catch {
    // runSecretCommand reports the same problem below.
  }
  const client = new SecretsManagerClient(region ? { region } : {});
  try {
    await runSecretCommand(argv, { client, print: (line) => console.log(line), readStdin: () => text(process.stdin) });
  } catch (error) {
    // AWS errors name the problem (AccessDenied, a missing region…) and never echo the secret string sent.
    const message = error instanceof SecretCommandError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
    console.error(`npm run secret: ${message}`);
    process.exitCode = 1;
  } finally {
    client.destroy();
  }
}

void main(process.argv.slice(2));
