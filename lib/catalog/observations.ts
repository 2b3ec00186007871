/**
 * What a conformance run against a real KONA PLATE environment saw (`npm run conformance --
 * --observations <file>`), fed back into the catalog: an observation file committed under
 * docs/observations/ lets the catalog cite "observed on <date> in <environment>" for a part of an
 * operation the public documentation does not show, in place of "designed" — or say that the
 * platform was seen to differ. `npm run generate` turns the files into lib/catalog/observed.ts,
 * the OpenAPI document's `x-observed` and the README's operations table.
 */
import type { Operation } from './types';

/** The parts of an operation a catalog entry marks documented or designed. */
export type Part = keyof Operation['documented'];
export const PARTS: readonly Part[] = ['path', 'encryption', 'request', 'response'];

/** One operation as one run saw it: no field values, only names, codes and flags. */
export interface Observation {
  reached: boolean;
  protocol: 'accepted' | 'refused' | 'unknown';
  httpStatus?: number;
  resultCode?: string;
  requestEncrypted: boolean;
  answerEncrypted?: boolean;
  /** Every field the answer carried, array items as `*`. */
  answerFields: string[];
  /** What differed from the catalog, one line each. */
  differences: string[];
  confirms: Part[];
  contradicts: Part[];
}

export interface ObservationFile {
  kind: 'konaplate-observations';
  version: 1;
  /** e.g. "public sandbox", "UAT". */
  environment: string;
  baseUrl: string;
  /** The local sandbox: refused as evidence. */
  local: boolean;
  /** yyyy-MM-dd. */
  observedOn: string;
  operations: Record<string, Observation>;
}

export interface Citation {
  observedOn: string;
  environment: string;
  /** The observation file, from the repository root. */
  file: string;
}

export interface OperationCitations {
  /** Parts a run saw as the catalog says. */
  confirmed: Partial<Record<Part, Citation>>;
  /** Parts a run saw differ, with what differed. */
  contradicted: Partial<Record<Part, Citation & { differences: string[] }>>;
}

export type Citations = Readonly<Record<string, OperationCitations>>;

/** The file's content, or why it cannot be evidence (one line). */
export function checkObservationFile(value: unknown, file: string): ObservationFile {
  const record = value as Partial<ObservationFile> | null;
  if (record === null || typeof record !== 'object' || record.kind !== 'konaplate-observations' || record.version !== 1) {
    throw new Error(`${file}: not an observation file of npm run conformance (kind konaplate-observations, version 1)`);
  }
  if (record.local) throw new Error(`${file}: observed on the local sandbox, which proves nothing about the platform: remove it`);
  if (typeof record.observedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(record.observedOn)) throw new Error(`${file}: observedOn must be yyyy-MM-dd`);
  if (typeof record.environment !== 'string' || record.environment === '') throw new Error(`${file}: environment must name where it was observed`);
  if (record.operations === null || typeof record.operations !== 'object') throw new Error(`${file}: operations must be an object by op id`);
  return record as ObservationFile;
}

/**
 * For every operation and part, what the latest file that says anything about it saw (later
 * `observedOn` first, then the file name): a later confirmation replaces an earlier difference
 * and the other way round.
 */
export function citationsFrom(files: ReadonlyArray<{ file: string; observations: ObservationFile }>): Citations {
  const ordered = [...files].sort((a, b) => a.observations.observedOn.localeCompare(b.observations.observedOn) || a.file.localeCompare(b.file));
  const out: Record<string, OperationCitations> = {};
  for (const { file, observations } of ordered) {
    const cite = { observedOn: observations.observedOn, environment: observations.environment, file };
    for (const [id, seen] of Object.entries(observations.operations)) {
      const entry = (out[id] ??= { confirmed: {}, contradicted: {} });
      for (const part of seen.confirms) {
        entry.confirmed[part] = cite;
        delete entry.contradicted[part];
      }
      for (const part of seen.contradicts) {
        entry.contradicted[part] = { ...cite, differences: seen.differences };
        delete entry.confirmed[part];
      }
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export type PartSource =
  | { source: 'documented' }
  | { source: 'observed'; citation: Citation }
  | { source: 'differs'; citation: Citation & { differences: string[] } }
  | { source: 'designed' };

/** Where each part of the operation comes from: a seen difference wins, then the documentation, then an observation. */
export function partSources(op: Pick<Operation, 'id' | 'documented'>, citations: Citations): Record<Part, PartSource> {
  const cited = citations[op.id];
  const sourceOf = (part: Part): PartSource => {
    const differs = cited?.contradicted[part];
    if (differs) return { source: 'differs', citation: differs };
    if (op.documented[part]) return { source: 'documented' };
    const observed = cited?.confirmed[part];
    return observed ? { source: 'observed', citation: observed } : { source: 'designed' };
  };
  return Object.fromEntries(PARTS.map((part) => [part, sourceOf(part)])) as Record<Part, PartSource>;
}

/** "observed on 2026-05-01 in public sandbox" */
export const citationText = (citation: Citation) => `observed on ${citation.observedOn} in ${citation.environment}`;
