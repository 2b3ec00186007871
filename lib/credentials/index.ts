import { configurationError } from '../errors';
import { fetchSecretString } from './secrets-manager';
import { CredentialStore } from './store';

export * from './shape';
export * from './store';

let shared: CredentialStore | undefined;

const DEFAULT_SECRET_TTL_MS = 15 * 60_000;

/** The container's store, for the secret named by KONAPLATE_SECRET_ID. */
export function defaultCredentialStore(): CredentialStore {
  if (shared) return shared;
  const secretId = process.env.KONAPLATE_SECRET_ID;
  if (!secretId) throw configurationError('KONAPLATE_SECRET_ID is not set');
  const ttlSeconds = Number(process.env.KONAPLATE_SECRET_TTL_SECONDS);
  const ttlMs = Number.isFinite(ttlSeconds) && ttlSeconds > 0 ? ttlSeconds * 1000 : DEFAULT_SECRET_TTL_MS;
  shared = new CredentialStore({ secretId, fetchSecret: fetchSecretString, ttlMs });
  return shared;
}
