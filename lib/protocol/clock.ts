/**
 * One clock reading gives every time the platform sees on a request (protocol.md §1.3, §2.4):
 * the 17-digit token time, the 14-digit X-KM-Tran-Time and the 12-digit prefix of the
 * correlation id, all in the zone named by X-KM-Time-Zone.
 */
import { randomBytes } from 'node:crypto';

/** Offsets of the 3-letter labels the platform accepts in X-KM-Time-Zone. Korea keeps no DST. */
const ZONE_OFFSET_MINUTES: Readonly<Record<string, number>> = { UTC: 0, GMT: 0, KST: 540 };

export const SUPPORTED_TIME_ZONES = Object.keys(ZONE_OFFSET_MINUTES);

export interface TranClock {
  /** yyyyMMddHHmmssSSS, used in X-KM-Tran-Token. */
  stamp17: string;
  /** yyyyMMddHHmmss, sent as X-KM-Tran-Time. */
  tranTime: string;
  /** yyMMddHHmmss-xxxxxxx (7 hex), sent as X-KM-Correlation-Id. */
  correlationId: string;
}

export function isSupportedTimeZone(label: string): boolean {
  return Object.hasOwn(ZONE_OFFSET_MINUTES, label);
}

/** Formats an instant as yyyyMMddHHmmssSSS in the labelled zone. */
export function formatStamp17(epochMs: number, timeZone: string): string {
  const offset = ZONE_OFFSET_MINUTES[timeZone];
  if (offset === undefined) throw new RangeError(`unsupported time zone label ${timeZone}`);
  return formatStampAtOffset(epochMs, offset);
}

/** The zone's offset from UTC in minutes, for a supported label. */
export function zoneOffsetMinutes(timeZone: string): number | undefined {
  return ZONE_OFFSET_MINUTES[timeZone];
}

/** Formats an instant as yyyyMMddHHmmssSSS on the wall clock `offsetMinutes` from UTC. */
export function formatStampAtOffset(epochMs: number, offsetMinutes: number): string {
  // toISOString of the shifted instant gives the zone's wall clock: 2025-11-25T14:30:05.123Z
  const iso = new Date(epochMs + offsetMinutes * 60_000).toISOString();
  return (
    iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) +
    iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + iso.slice(20, 23)
  );
}

/** Parses a yyyyMMddHHmmss[SSS] wall-clock stamp of the labelled zone back to epoch ms. */
export function parseStamp(stamp: string, timeZone: string): number {
  const offset = ZONE_OFFSET_MINUTES[timeZone];
  if (offset === undefined || !/^\d{14}(\d{3})?$/.test(stamp)) return Number.NaN;
  const n = (from: number, to: number) => Number(stamp.slice(from, to));
  const utc = Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14), stamp.length === 17 ? n(14, 17) : 0);
  // Reject impossible dates (e.g. month 13) instead of letting Date roll them over.
  if (Number.isNaN(utc) || formatStamp17(utc, 'UTC').slice(0, stamp.length) !== stamp) return Number.NaN;
  return utc - offset * 60_000;
}

export function readTranClock(timeZone: string, epochMs: number = Date.now()): TranClock {
  const stamp17 = formatStamp17(epochMs, timeZone);
  const suffix = randomBytes(4).toString('hex').slice(0, 7);
  return { stamp17, tranTime: stamp17.slice(0, 14), correlationId: `${stamp17.slice(2, 14)}-${suffix}` };
}
