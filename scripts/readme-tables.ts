/**
 * The README's tables that restate code: the operations (from the catalog) and the errors (from
 * lib/errors.ts). `npm run generate` rewrites them (scripts/generated-files.ts).
 */
import { partSources, PARTS, type Citations } from '../lib/catalog/observations';
import { OBSERVED } from '../lib/catalog/observed';
import type { Operation } from '../lib/catalog/types';
import { ERROR_TABLE } from '../lib/errors';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** Each part not from the public docs: designed, observed (dated, where), or seen to differ. */
function provenance(op: Operation, citations: Citations): string {
  const sources = partSources(op, citations);
  const cells = PARTS.flatMap((part) => {
    const source = sources[part];
    if (source.source === 'designed') return [part];
    if (source.source === 'observed') return [`${part} (observed ${source.citation.observedOn}, ${source.citation.environment})`];
    if (source.source === 'differs') return [`**${part} differs** (${source.citation.observedOn}, ${source.citation.environment})`];
    return [];
  });
  return cells.length ? cells.join(', ') : '—';
}

export function operationsTable(operations: readonly Operation[], citations: Citations = OBSERVED): string {
  const rows = operations.map((op) =>
    `| ${op.n} | \`${op.id}\` | \`POST ${op.path}\` | ${op.title}${op.titleKo ? ` (${op.titleKo})` : ''} | ${yesNo(op.encrypted.request)} / ${yesNo(op.encrypted.response)} | ${op.kind} | ${provenance(op, citations)} |`);
  return ['| n | function | route | operation | encrypted req / answer | kind | designed (not in the public docs), or observed |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

export function errorTable(): string {
  const rows = Object.entries(ERROR_TABLE).map(([kind, row]) => `| ${kind} | ${row.status} | ${row.name} | ${row.meaning} |`);
  return ['| kind | HTTP | error type | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

export function replaceBetween(text: string, name: string, content: string): string {
  const start = text.indexOf(`<!-- ${name}:start`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`README has no ${name} markers`);
  const startLineEnd = text.indexOf('-->', start) + 3;
  return `${text.slice(0, startLineEnd)}\n${content}\n${text.slice(end)}`;
}

export function withTables(readme: string, operations: readonly Operation[], citations: Citations = OBSERVED): string {
  return replaceBetween(replaceBetween(readme, 'operations-table', operationsTable(operations, citations)), 'error-table', errorTable());
}
