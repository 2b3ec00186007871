/** Puts the container's credentials (lib/credentials) on the request; fetched once, shared. */
import type { CredentialStore } from '../credentials/store';
import type { GatewayMiddleware, GatewayRequest } from './types';

export function injectCredentials(store: () => CredentialStore): GatewayMiddleware {
  async function injectCredentialsBefore(request: GatewayRequest): Promise<void> {
    request.context.credentials = await store().get();
  }
  return { before: injectCredentialsBefore };
}
