/**
 * JSON without losing digits. Platform ids such as userId reach 19 digits, beyond 2^53, so
 * integers that do not fit a double are kept as bigint and written back as bare digits.
 */
import { isSafeNumber, parse, stringify } from 'lossless-json';

const INTEGER = /^-?\d+$/;

function parseNumber(text: string): number | bigint {
  if (INTEGER.test(text) && !isSafeNumber(text)) return BigInt(text);
  return Number(text);
}

/** A number that JSON.parse might round has at least 16 digits in a row; anything shorter is exact. */
const LONG_DIGITS = /\d{16}/;

/** Parses JSON text; integers beyond Number.MAX_SAFE_INTEGER become bigint. Throws SyntaxError. */
export function parseJson(text: string): unknown {
  // The built-in parser is ~7× faster; the lossless one is needed only where a long number may be.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return parse(text, null, parseNumber);
}

/** Serialises once, bigint as bare digits, in the objects' own key order. */
export function stringifyJson(value: unknown, space?: number): string {
  if (space === undefined) {
    try {
      const fast = JSON.stringify(value);
      if (fast !== undefined) return fast;
    } catch (error) {
      // JSON.stringify refuses bigint: write it with lossless-json below.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  const text = stringify(value, undefined, space);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** Replaces every bigint with its decimal string, for outputs that JSON.stringify must handle. */
export function bigintsToStrings(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(bigintsToStrings);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = bigintsToStrings(item);
    return out;
  }
  return value;
}
