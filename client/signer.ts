/** The SigV4 signer the HTTP transport signs with: the AWS SDK's own, set as API Gateway checks it. */
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials, AwsCredentialsProvider } from './transport';

/** `service` is `execute-api` for API Gateway; other values serve the signer's own tests. */
export function sigV4Signer(region: string, credentials: AwsCredentials | AwsCredentialsProvider, service = 'execute-api'): SignatureV4 {
  // The SDK's defaults for every service but S3; the payload hash is signed either way, so no
  // x-amz-content-sha256 header is sent.
  return new SignatureV4({ service, region, credentials, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
}
