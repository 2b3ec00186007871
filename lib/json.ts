/**
 * JSON without losing digits. Platform ids such as userId reach 19 digits, beyond 2^53, so
 * integers that do not fit a double are kept as bigint and written back as bare digits. Node 22's
 * own JSON does it (the reviver's source text, JSON.rawJSON): no parser ships in the bundle.
 * Shared by the gateway (lib/protocol re-exports it) and the caller client (client/), which may run
 * on an older Node: there a number that would lose digits is refused, never rounded.
 */

const INTEGER = /^-?\d+$/;

/** A number that JSON.parse might round has at least 16 digits in a row; anything shorter is exact. */
const LONG_DIGITS = /\d{16}/;

interface SourceContext {
  source?: string;
}

type SourceReviver = (key: string, value: unknown, context?: SourceContext) => unknown;

/** Node 22+ (JSON.parse source text access): each number's own text, so an id keeps every digit. */
const keepLongIntegers: SourceReviver = (_key, value, context) => {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
  if (context?.source !== undefined) return INTEGER.test(context.source) ? BigInt(context.source) : value;
  // No source text (Node before 22): an integer this large was already rounded by the parser.
  if (Number.isInteger(value)) throw new RangeError(`a JSON integer beyond 2^53 (read as ${value}) cannot be kept exact on Node ${process.versions.node} (needs Node 22+)`);
  return value;
};

const rawJSON = (JSON as unknown as { rawJSON?(text: string): unknown }).rawJSON;

const bigintAsDigits = (_key: string, value: unknown): unknown => {
  if (typeof value !== 'bigint') return value;
  if (!rawJSON) throw new RangeError(`bigint ${value} cannot be written as a JSON number on Node ${process.versions.node} (needs Node 22+); send it as a decimal string`);
  return rawJSON(value.toString());
};

/** Parses JSON text; integers beyond Number.MAX_SAFE_INTEGER become bigint. Throws SyntaxError (RangeError on Node < 22 for an integer it cannot keep). */
export function parseJson(text: string): unknown {
  // Without a reviver the built-in parser is several times faster; it is needed only where a long number may be.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(text, keepLongIntegers as (key: string, value: unknown) => unknown);
}

/** Serialises once, bigint as bare digits, in the objects' own key order. */
export function stringifyJson(value: unknown, space?: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, space);
  } catch (error) {
    // JSON.stringify refuses bigint: write those as raw digits (the replacer costs, so only then).
    if (!(error instanceof TypeError)) throw error;
    text = JSON.stringify(value, bigintAsDigits, space);
  }
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

/** Where a key appears twice: the JSON pointer (no leading slash, "" for the top level) of the object holding it. */
export interface DuplicateKey {
  pointer: string;
  key: string;
}

interface Frame {
  /** Keys seen so far: an array while the object has few (faster than a Set), then a Set; undefined for an array. */
  keys: string[] | Set<string> | undefined;
  /** The object's current key, or the array's current index. */
  at: string | number;
  expectKey: boolean;
}

const FEW_KEYS = 16;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

const pointerOf = (frames: Frame[]): string =>
  frames.slice(0, -1).map((frame) => (typeof frame.at === 'number' ? String(frame.at) : frame.at.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * The first key written twice in one object of `text`, which must be valid JSON (call it after
 * parsing). JSON.parse keeps the last of two equal keys without a word, so a body such as
 * `{"amount":1,"amount":100000}` would mean whatever the last parser to read it decides: the
 * gateway refuses it instead. Keys are compared decoded (`"a"` and `"\u0061"` are the same key).
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const frames: Frame[] = [];
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = frames[frames.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (Array.isArray(top.keys)) {
          if (top.keys.includes(key)) return { pointer: pointerOf(frames), key };
          top.keys.push(key);
          // Thousands of keys in one 16 KiB object must not cost a quadratic scan.
          if (top.keys.length > FEW_KEYS) top.keys = new Set(top.keys);
        } else {
          if (top.keys.has(key)) return { pointer: pointerOf(frames), key };
          top.keys.add(key);
        }
        top.at = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      frames.push({ keys: [], at: '', expectKey: true });
    } else if (c === 0x5b /* [ */) {
      frames.push({ keys: undefined, at: 0, expectKey: false });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1]!;
      if (top.keys) top.expectKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}
