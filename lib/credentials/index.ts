import { config } from '../config';
import { configurationError } from '../errors';
import { fetchSecretString } from './secrets-manager';
import { CredentialStore } from './store';

export * from './shape';
export * from './store';

let shared: CredentialStore | undefined;

/** The container's store, for the secret named by KONAPLATE_SECRET_ID. */
export function defaultCredentialStore(): CredentialStore {
  if (shared) return shared;
  const { secretId, secretTtlMs } = config();
  if (!secretId) throw configurationError('KONAPLATE_SECRET_ID is not set');
  shared = new CredentialStore({ secretId, fetchSecret: fetchSecretString, ttlMs: secretTtlMs });
  return shared;
}
