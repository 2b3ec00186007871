/**
 * The drift switch (POST /__sandbox/drift): makes the sandbox's answers differ from the catalog
 * the way a real platform could, so the conformance command (scripts/conformance/) can be shown to
 * notice each difference. Every kind is a general edit, not a scripted case: a drift not listed
 * still shows as a missing or unknown field, a type, length or format difference, another result
 * code or HTTP status, or another encryption or time zone.
 *
 * Field drifts act on successful answers (the business fields, before sealing); `result-code`
 * answers instead of the operation (nothing is committed); the rest change how the answer goes out.
 */
import type { TSchema } from '@sinclair/typebox';
import { markedFields } from '../../lib/catalog/declared-fields';
import type { Operation } from '../../lib/catalog/types';
import { formatStampAtOffset, parseStamp, zoneOffsetMinutes } from '../../lib/protocol/clock';
import { HEADER } from '../../lib/protocol/headers';
import type { SandboxCryptoKey } from '../project/project';
import type { Answer } from './answer-rendering';

export type Drift =
  /** Adds a field (default `driftExtra`: "drift"); a pointer such as `userInfo/nickname` adds it inside that object. */
  | { kind: 'extra-field'; field?: string; value?: unknown }
  /** Removes a field (default: the answer's first top-level field). */
  | { kind: 'missing-field'; field?: string }
  /** Removes a field and adds its value under another name (default: first top-level field → `<name>Renamed`). */
  | { kind: 'renamed-field'; field?: string; to?: string }
  /** Gives a field another JSON type: string ↔ number, boolean, object or array → string (default: the first leaf). */
  | { kind: 'retyped-field'; field?: string }
  /** Makes a string one character longer than the catalog allows, or 100 longer when it sets no limit (default: the first string). */
  | { kind: 'overlong-field'; field?: string }
  /** Sets a field to any value: another enum value, format, number range … */
  | { kind: 'set-field'; field: string; value: unknown }
  /** Answers this code instead of running the operation (default `999_999`, in no table, HTTP 400). */
  | { kind: 'result-code'; code?: string; status?: number; description?: string }
  /** The same answer under another HTTP status. */
  | { kind: 'http-status'; status: number }
  /** Seals the answer though the catalog says it is in clear (to the request's key, or the first). */
  | { kind: 'encrypted-answer' }
  /** Sends the answer in clear though the catalog says it is sealed. */
  | { kind: 'plain-answer' }
  /** Labels the answer `X-KM-Time-Zone: <label>` (default UTC) and writes its Korean-time fields in that zone. */
  | { kind: 'time-zone'; label?: string; offsetMinutes?: number };

export type DriftKind = Drift['kind'];

export const DRIFT_KINDS: readonly DriftKind[] = [
  'extra-field', 'missing-field', 'renamed-field', 'retyped-field', 'overlong-field', 'set-field',
  'result-code', 'http-status', 'encrypted-answer', 'plain-answer', 'time-zone',
];

export interface DriftEntry {
  drift: Drift;
  /** Op ids it applies to; every operation when absent. */
  operations?: string[];
}

/** What is switched on, in the order it was asked for. */
export class DriftPlan {
  private entries: DriftEntry[] = [];

  add(entry: DriftEntry): void {
    this.entries.push(entry);
  }

  for(operationId: string): Drift[] {
    return this.entries.filter((entry) => !entry.operations || entry.operations.includes(operationId)).map((entry) => entry.drift);
  }

  list(): DriftEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): number {
    const cleared = this.entries.length;
    this.entries = [];
    return cleared;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const POINTER = /^[^/]+(\/[^/]+)*$/;
const fieldProblem = (field: unknown, required = false): string | undefined => {
  if (field === undefined) return required ? 'field is required' : undefined;
  return typeof field === 'string' && POINTER.test(field) ? undefined : 'field must be a pointer such as userInfo/email (* for every item)';
};
const statusProblem = (status: unknown, required: boolean): string | undefined => {
  if (status === undefined && !required) return undefined;
  return Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599 ? undefined : 'status must be an HTTP status 100..599';
};

/** A drift as the control API takes it: a kind's name, or an object with `kind` and its fields. */
export function parseDrift(value: unknown): Drift | string {
  const drift = typeof value === 'string' ? { kind: value } : value;
  if (!isRecord(drift) || !DRIFT_KINDS.includes(drift.kind as DriftKind)) return `each drift must be one of ${DRIFT_KINDS.join('|')} (or {kind, …})`;
  const problem = (() => {
    switch (drift.kind as DriftKind) {
      case 'extra-field':
      case 'missing-field':
      case 'retyped-field':
      case 'overlong-field':
        return fieldProblem(drift.field);
      case 'renamed-field':
        return fieldProblem(drift.field) ?? (drift.to === undefined || (typeof drift.to === 'string' && /^[^/]+$/.test(drift.to)) ? undefined : 'to must be a field name');
      case 'set-field':
        return fieldProblem(drift.field, true) ?? (drift.value === undefined ? 'value is required' : undefined);
      case 'result-code':
        return (drift.code === undefined || (typeof drift.code === 'string' && /^\d{3}_\d{3}$/.test(drift.code)) ? undefined : 'code must be NNN_NNN')
          ?? statusProblem(drift.status, false);
      case 'http-status':
        return statusProblem(drift.status, true);
      case 'time-zone': {
        const label = drift.label ?? 'UTC';
        if (typeof label !== 'string' || !/^[A-Z]{3}$/.test(label)) return 'label must be 3 capital letters';
        if (drift.offsetMinutes !== undefined && !(Number.isInteger(drift.offsetMinutes) && Math.abs(drift.offsetMinutes as number) <= 14 * 60)) return 'offsetMinutes must be an integer within ±840';
        return zoneOffsetMinutes(label) === undefined && drift.offsetMinutes === undefined ? `offsetMinutes is required for ${label}` : undefined;
      }
      default:
        return undefined;
    }
  })();
  return problem ? `${String(drift.kind)}: ${problem}` : (drift as Drift);
}

// ---- pointers, with * for every item of an array (or every member of an object)

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string;
}

function slots(root: unknown, pointer: string): Slot[] {
  const segments = pointer.split('/');
  const walk = (node: unknown, index: number): Slot[] => {
    if (node === null || typeof node !== 'object') return [];
    const container = node as Record<string, unknown>;
    const segment = segments[index]!;
    const keys = segment === '*' ? Object.keys(container) : [segment];
    if (index === segments.length - 1) return keys.map((key) => ({ parent: container, key }));
    return keys.flatMap((key) => walk(container[key], index + 1));
  };
  return walk(root, 0);
}

const present = (slot: Slot) => Object.hasOwn(slot.parent, slot.key);
const valueAt = (slot: Slot) => (slot.parent as Record<string, unknown>)[slot.key];
const setAt = (slot: Slot, value: unknown) => ((slot.parent as Record<string, unknown>)[slot.key] = value);

/** The first leaf (not an object or array) depth-first, optionally of one type, as a pointer. */
function firstLeaf(value: unknown, wanted?: string, at = ''): string | undefined {
  if (value === null || typeof value !== 'object') return at !== '' && (!wanted || typeof value === wanted) ? at : undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = firstLeaf(item, wanted, at === '' ? key : `${at}/${key}`);
    if (found) return found;
  }
  return undefined;
}

function schemaAt(schema: TSchema, pointer: string): TSchema | undefined {
  let node: TSchema | undefined = schema;
  for (const segment of pointer.split('/')) {
    if (!node) return undefined;
    node = /^\d+$/.test(segment) || segment === '*' ? (node.items as TSchema | undefined) : (node.properties as Record<string, TSchema> | undefined)?.[segment];
  }
  return node;
}

function retyped(value: unknown): unknown {
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value.length;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === null) return 0;
  return JSON.stringify(value);
}

function timeZoneOffset(drift: Extract<Drift, { kind: 'time-zone' }>): { label: string; offset: number } {
  const label = drift.label ?? 'UTC';
  return { label, offset: drift.offsetMinutes ?? zoneOffsetMinutes(label)! };
}

/** Rewrites every field the catalog marks as Korean time (`x-time-zone`) on the other zone's clock. */
function rewriteTimes(op: Operation, fields: Record<string, unknown>, offset: number): void {
  for (const marked of markedFields(op.response, fields, 'x-time-zone')) {
    if (typeof marked.value !== 'string' || marked.mark !== 'KST') continue;
    const epochMs = parseStamp(marked.value, 'KST');
    if (Number.isNaN(epochMs)) continue;
    const [slot] = slots(fields, marked.field);
    if (slot) setAt(slot, formatStampAtOffset(epochMs, offset).slice(0, marked.value.length));
  }
}

function driftFields(op: Operation, fields: Record<string, unknown>, drift: Drift): void {
  const firstTopLevel = Object.keys(fields)[0];
  switch (drift.kind) {
    case 'extra-field':
      for (const slot of slots(fields, drift.field ?? 'driftExtra')) setAt(slot, drift.value ?? 'drift');
      return;
    case 'missing-field':
      for (const slot of slots(fields, drift.field ?? firstTopLevel ?? '')) if (present(slot)) delete (slot.parent as Record<string, unknown>)[slot.key];
      return;
    case 'renamed-field':
      for (const slot of slots(fields, drift.field ?? firstTopLevel ?? '')) {
        if (!present(slot)) continue;
        const value = valueAt(slot);
        delete (slot.parent as Record<string, unknown>)[slot.key];
        setAt({ parent: slot.parent, key: drift.to ?? `${slot.key}Renamed` }, value);
      }
      return;
    case 'retyped-field':
      for (const slot of slots(fields, drift.field ?? firstLeaf(fields) ?? '')) if (present(slot)) setAt(slot, retyped(valueAt(slot)));
      return;
    case 'overlong-field': {
      const field = drift.field ?? firstLeaf(fields, 'string') ?? '';
      const limit = schemaAt(op.response, field)?.maxLength;
      for (const slot of slots(fields, field)) {
        const value = valueAt(slot);
        if (typeof value === 'string') setAt(slot, value.padEnd(typeof limit === 'number' ? limit + 1 : value.length + 100, 'X'));
      }
      return;
    }
    case 'set-field':
      for (const slot of slots(fields, drift.field)) setAt(slot, drift.value);
      return;
    case 'time-zone':
      rewriteTimes(op, fields, timeZoneOffset(drift).offset);
      return;
    default:
      return;
  }
}

/** The answer a `result-code` drift gives instead of the operation's, if one is switched on. */
export function driftRefusal(drifts: readonly Drift[]): Answer | undefined {
  const drift = drifts.find((candidate): candidate is Extract<Drift, { kind: 'result-code' }> => candidate.kind === 'result-code');
  if (!drift) return undefined;
  return { status: drift.status ?? 400, code: drift.code ?? '999_999', description: drift.description ?? 'Drift: a result code no table lists.' };
}

/**
 * A successful answer, drifted: fields edited in order, then status, sealing and time zone.
 * `key` is the request's key (or the project's first) for an `encrypted-answer` drift.
 */
export function driftAnswer(op: Operation, answer: Answer, drifts: readonly Drift[], key: SandboxCryptoKey | undefined): Answer {
  if (drifts.length === 0) return answer;
  const fields = structuredClone(answer.fields ?? {});
  const drifted: Answer = { ...answer, fields, headers: { ...answer.headers } };
  for (const drift of drifts) {
    driftFields(op, fields, drift);
    if (drift.kind === 'http-status') drifted.status = drift.status;
    if (drift.kind === 'encrypted-answer' && key) drifted.sealTo = key;
    if (drift.kind === 'plain-answer') delete drifted.sealTo;
    if (drift.kind === 'time-zone') drifted.headers![HEADER.timeZone] = timeZoneOffset(drift).label;
  }
  return drifted;
}
