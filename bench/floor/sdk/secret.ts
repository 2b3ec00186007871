/**
 * floor(sdk): the floor's one Secrets Manager read done the usual way with the AWS SDK the
 * project fixes (`@aws-sdk/client-secrets-manager`, default client, default credential chain),
 * so the floor carries and loads what every gateway bundle must.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let client: SecretsManagerClient | undefined;

export async function getSecretStringWithSdk(secretId: string): Promise<string> {
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (typeof SecretString !== 'string') throw new Error('GetSecretValue: no SecretString');
  return SecretString;
}
