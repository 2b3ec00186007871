/**
 * The platform's date stamps, on the Korean wall clock whatever the request's X-KM-Time-Zone:
 * application and registration numbers, charge dates and day totals, answer fields.
 */
import { formatStamp17 } from '../../lib/protocol/clock';

/** yyyyMMddHHmmss, Korean time. */
export function koreanDateTime(epochMs: number): string {
  return formatStamp17(epochMs, 'KST').slice(0, 14);
}

/** yyyyMMdd, Korean date. */
export function koreanDate(epochMs: number): string {
  return formatStamp17(epochMs, 'KST').slice(0, 8);
}
