/**
 * Who is calling and whether the body is theirs: access key (000_102), ASP ID (000_103), clock
 * skew (000_105), tran token over the exact body (000_104), crypto key id (000_106). Each check
 * names its rule in rules.ts.
 */
import { HEADER } from '../../lib/protocol/headers';
import { verifyTranToken } from '../../lib/protocol/tran-token';
import type { CommonHeaders } from './common-headers';
import type { SandboxCryptoKey, SandboxProject } from '../project/project';
import { breaks } from './rules';

export interface AuthenticationOptions {
  maxSkewMs: number;
  now: () => number;
}

export function authenticate(headers: CommonHeaders, bodyText: string, project: SandboxProject, options: AuthenticationOptions): void {
  if (headers.accessKey !== project.accessKey) breaks('accessKey', 'Unknown or inactive access key.');
  if (headers.aspId !== project.aspId) breaks('aspIdOfAccessKey', 'ASP ID does not match the access key.');
  const skewMs = Math.abs(options.now() - headers.tranEpochMs);
  if (skewMs > options.maxSkewMs) {
    breaks('clockSkew', `${HEADER.tranTime} is ${Math.round(skewMs / 1000)} s away from the platform clock (allowed ${Math.round(options.maxSkewMs / 1000)} s).`);
  }
  const token = verifyTranToken(project.secretKey, bodyText, headers.tranToken);
  if (!token.ok) breaks('tranToken', `${HEADER.tranToken} does not match the body.`);
}

/**
 * The key pair a request names. A request sent in clear may name none (the header check requires
 * it for encrypted ones): the first key then serves, as for callbacks (protocol.md §1.2, §5;
 * rules.ts `plainRequestWithoutKeyId`).
 */
export function cryptoKeyFor(headers: CommonHeaders, project: SandboxProject): SandboxCryptoKey | undefined {
  if (headers.cryptoKeyId === undefined) return project.cryptoKeys[0];
  const key = project.cryptoKeys.find((candidate) => candidate.id === headers.cryptoKeyId);
  if (!key) return breaks('cryptoKeyId', `Unknown ${HEADER.cryptoKeyId}.`);
  return key;
}
