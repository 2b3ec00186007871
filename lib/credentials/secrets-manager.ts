/**
 * Reads the secret with the real AWS SDK. Locally AWS_ENDPOINT_URL_SECRETS_MANAGER points the SDK
 * at the sandbox's Secrets Manager; nothing here knows the difference.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { configurationError, GatewayError } from '../errors';

let client: SecretsManagerClient | undefined;

const NOT_CONFIGURATION = new Set(['TimeoutError', 'InternalServiceError', 'ThrottlingException', 'RequestTimeout']);

export async function fetchSecretString(secretId: string): Promise<string> {
  client ??= new SecretsManagerClient({});
  let answer;
  try {
    answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (error) {
    const name = (error as Error).name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === undefined || status >= 500 || NOT_CONFIGURATION.has(name)) {
      throw new GatewayError('credentials_unavailable', `secret ${secretId}: Secrets Manager unavailable (${name})`, {}, { cause: error });
    }
    throw configurationError(`secret ${secretId}: ${name}`, error);
  }
  if (typeof answer.SecretString !== 'string') throw configurationError(`secret ${secretId}: has no SecretString`);
  return answer.SecretString;
}
