/**
 * A callback signed as the platform signs (protocol.md §5.2): the common headers of a request
 * without X-KM-Access-Key, X-KM-Crypto-Key-Id when the body is encrypted, and X-KM-Tran-Token =
 * KMV1:<17-digit time>:<Base64 HMAC-SHA256(secret key, body)>. Written here from the protocol notes
 * with node:crypto directly, not with the gateway's lib/protocol, so the receiver's checks meet a
 * second implementation (as the sandbox's jose JWE meets the gateway's).
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Minutes east of UTC of the zone labels X-KM-Time-Zone carries (protocol.md §6.4; Korea keeps no DST). */
const ZONE_OFFSETS: Readonly<Record<string, number>> = { KST: 9 * 60, UTC: 0, GMT: 0 };

export interface PlatformClock {
  /** yyyyMMddHHmmssSSS, in the token. */
  millis: string;
  /** yyyyMMddHHmmss, X-KM-Tran-Time. */
  seconds: string;
  /** yyMMddHHmmss-<7 hex>, X-KM-Correlation-Id. */
  correlationId: string;
}

/** The wall clock of the zone, digits only. */
export function wallClock(epochMs: number, timeZone: string): string {
  const offset = ZONE_OFFSETS[timeZone];
  if (offset === undefined) throw new RangeError(`no offset known for time zone ${timeZone}`);
  const d = new Date(epochMs + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

export function platformClock(epochMs: number, timeZone: string): PlatformClock {
  const millis = wallClock(epochMs, timeZone);
  return { millis, seconds: millis.slice(0, 14), correlationId: `${millis.slice(2, 14)}-${randomBytes(4).toString('hex').slice(1)}` };
}

export interface Signer {
  aspId: string;
  secretKey: string;
  timeZone: string;
}

/** The headers of one delivery of `body` (the exact bytes sent), at `clock`. */
export function signedHeaders(signer: Signer, body: Buffer, clock: PlatformClock, cryptoKeyId?: string): Record<string, string> {
  const mac = createHmac('sha256', signer.secretKey).update(body).digest('base64');
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-KM-User-AspId': signer.aspId,
    'X-KM-Correlation-Id': clock.correlationId,
    ...(cryptoKeyId === undefined ? {} : { 'X-KM-Crypto-Key-Id': cryptoKeyId }),
    'X-KM-Tran-Token': `KMV1:${clock.millis}:${mac}`,
    'X-KM-Tran-Time': clock.seconds,
    'X-KM-Time-Zone': signer.timeZone,
  };
}
