/**
 * The AWS credentials of every SDK client in a function bundle (Secrets Manager, DynamoDB,
 * EventBridge): serverless.yml's esbuild `alias` puts this module in place of the SDK's default
 * chain, `@aws-sdk/credential-provider-node`. A Lambda function always finds its role's credentials
 * in its environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the chain's first
 * link; the others (SSO, INI files, credential processes, web identity, instance metadata) never run
 * there but were ~124 KB of every bundle, parsed on every cold start (bench/README.md). A container
 * credentials endpoint (AWS_CONTAINER_CREDENTIALS_*), the chain's remote link, is kept as the one
 * other source. Scripts and tests, which are not bundled, keep the SDK's full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { chain, CredentialsProviderError, memoize } from '@smithy/core/config';
import type { AwsCredentialIdentity } from '@smithy/types';

type Init = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];

const CONTAINER_VARIABLES = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
/** Refreshed this long before they expire, as the SDK's own chain does. */
const REFRESH_BEFORE_MS = 5 * 60_000;

function fromContainer(init: Init) {
  return async () => {
    // fromHttp throws as it is made when no endpoint is set: made only once one is.
    if (!CONTAINER_VARIABLES.some((name) => process.env[name])) {
      throw new CredentialsProviderError(
        'no AWS credentials: neither AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (which Lambda always sets) nor a container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI) is in the environment',
        { tryNextLink: false },
      );
    }
    return fromHttp(init)();
  };
}

/** The same signature as `@aws-sdk/credential-provider-node`'s `defaultProvider`, which the SDK clients call. */
export function defaultProvider(init: Init = {}) {
  return memoize(
    chain<AwsCredentialIdentity>(fromEnv(init), fromContainer(init)),
    (credentials) => credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS,
    (credentials) => credentials.expiration !== undefined,
  );
}
