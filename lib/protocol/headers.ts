/** The X-KM-* request headers (protocol.md §1.1), in the order and casing the platform documents. */
import type { TranClock } from './clock';
import { tranToken } from './tran-token';

export interface SigningIdentity {
  aspId: string;
  accessKey: string;
  secretKey: string;
  timeZone: string;
}

export const HEADER = {
  aspId: 'X-KM-User-AspId',
  correlationId: 'X-KM-Correlation-Id',
  accessKey: 'X-KM-Access-Key',
  cryptoKeyId: 'X-KM-Crypto-Key-Id',
  tranToken: 'X-KM-Tran-Token',
  tranTime: 'X-KM-Tran-Time',
  timeZone: 'X-KM-Time-Zone',
} as const;

/**
 * Headers for one request whose body is exactly `body` (the string that goes on the wire).
 * `cryptoKeyId` is sent when the operation encrypts either direction, so the platform knows
 * which key pair to use for the answer too (protocol.md §3.4).
 */
export function requestHeaders(identity: SigningIdentity, body: string, clock: TranClock, cryptoKeyId?: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    [HEADER.aspId]: identity.aspId,
    [HEADER.correlationId]: clock.correlationId,
    [HEADER.accessKey]: identity.accessKey,
  };
  if (cryptoKeyId !== undefined) headers[HEADER.cryptoKeyId] = cryptoKeyId;
  headers[HEADER.tranToken] = tranToken(identity.secretKey, body, clock.stamp17);
  headers[HEADER.tranTime] = clock.tranTime;
  headers[HEADER.timeZone] = identity.timeZone;
  return headers;
}
