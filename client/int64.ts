/**
 * Ids beyond 2^53 by direct invoke. The Lambda runtime writes and reads payloads with plain
 * JSON.stringify/JSON.parse, so the gateway answers such ids as decimal strings (README.md § Member ids
 * beyond 2^53); the catalog says which answer fields are ids, and there the client turns them back
 * into what HTTP gives: a number within 2^53, a bigint beyond. Other strings of digits (card
 * numbers, account numbers) stay strings.
 */
const DECIMAL = /^-?\d+$/;

function exact(value: string): number | bigint {
  const big = BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function restoreAt(holder: unknown, path: readonly string[]): void {
  if (holder === null || typeof holder !== 'object') return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    if (!Array.isArray(holder)) return;
    holder.forEach((item, i) => (rest.length === 0 ? replace(holder as unknown[], i) : restoreAt(item, rest)));
    return;
  }
  if (rest.length === 0) replace(holder as Record<string, unknown>, head);
  else restoreAt((holder as Record<string, unknown>)[head], rest);
}

function replace(holder: Record<string, unknown> | unknown[], key: string | number): void {
  const slots = holder as Record<string | number, unknown>;
  const value = slots[key];
  if (typeof value === 'string' && DECIMAL.test(value)) slots[key] = exact(value);
}

/** The answer with its Int64 fields (`a/b/*` paths) as numbers or bigints; changes it in place. */
export function restoreInt64<T>(answer: T, paths: readonly string[]): T {
  for (const path of paths) restoreAt(answer, path.split('/'));
  return answer;
}
