/**
 * X-KM-Tran-Token (protocol.md §2.1, §2.5): KMV1:<17-digit time>:<Base64 HMAC-SHA256(secretKey, body)>.
 * Written padded (67 characters, as the guide's sample and working client code); read with or
 * without the `=` (66, as the header tables count it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TRAN_TOKEN_PATTERN = /^KMV1:(\d{17}):([A-Za-z0-9+/]{43})=?$/;

/** HMAC-SHA256 of the body: a string as its UTF-8 bytes, or the bytes exactly as received. */
export function tranMac(secretKey: string, body: string | Uint8Array): string {
  const hmac = createHmac('sha256', secretKey);
  if (typeof body === 'string') hmac.update(body, 'utf8');
  else hmac.update(body);
  return hmac.digest('base64');
}

export function tranToken(secretKey: string, body: string, stamp17: string): string {
  return `KMV1:${stamp17}:${tranMac(secretKey, body)}`;
}

export type TranTokenCheck =
  | { ok: true; stamp17: string }
  | { ok: false; reason: 'malformed' | 'mac-mismatch' };

/** Verifies a token against the exact body received (its bytes, or its text as UTF-8), in constant time. */
export function verifyTranToken(secretKey: string, body: string | Uint8Array, token: string): TranTokenCheck {
  const match = TRAN_TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  // The 43 characters carry the whole MAC; the padding adds nothing to compare.
  const expected = Buffer.from(tranMac(secretKey, body).slice(0, 43));
  const given = Buffer.from(match[2]!);
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'mac-mismatch' };
  return { ok: true, stamp17: match[1]! };
}
