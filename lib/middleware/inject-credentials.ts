/** Puts the container's credentials (lib/credentials) on the request; fetched once, shared. */
import type { CredentialStore } from '../credentials/store';
import type { GatewayRequest } from './types';

export function injectCredentials(store: () => CredentialStore) {
  return {
    name: 'injectCredentials',
    before: async (request: GatewayRequest) => {
      request.context.credentials = await store().get();
    },
  };
}
