/**
 * What an operation does once a request passed every check. One module per operation, typed by
 * the catalog entry it implements: the input is the validated request, the output must satisfy
 * the catalog's response schema (the server checks it, so a behaviour cannot drift from the catalog).
 */
import type { Static, TObject } from '@sinclair/typebox';
import { exactInteger } from '../../lib/catalog/schema';
import type { Operation } from '../../lib/catalog/types';
import type { SandboxProject } from '../project/project';
import type { SandboxState } from '../books/state';

export interface BehaviourContext {
  state: SandboxState;
  project: SandboxProject;
  now: () => number;
  /** A scheduled `pending` fault (sandbox/platform/faults/kinds.ts): the charge answers isPending and settles so. */
  forcedSettle?: 'COMPLETED' | 'FAILED';
}

export type Outcome<Body> =
  | { ok: true; body: Body }
  /** A business refusal; the code must be in the operation's or the common result-code table. */
  | { ok: false; code: string; description?: string };

export interface Behaviour {
  op: Operation;
  run(input: Record<string, unknown>, context: BehaviourContext): Promise<Outcome<Record<string, unknown>>>;
}

export function defineBehaviour<Req extends TObject, Res extends TObject>(
  op: Operation<Req, Res>,
  run: (input: Static<Req>, context: BehaviourContext) => Outcome<Static<Res>> | Promise<Outcome<Static<Res>>>,
): Behaviour {
  return {
    op: op as unknown as Operation,
    // The input passed op.request before this runs, so the cast only restates that check.
    run: async (input, context) => (await run(input as Static<Req>, context)) as Outcome<Record<string, unknown>>,
  };
}

export const success = <Body>(body: Body): Outcome<Body> => ({ ok: true, body });
export const refuse = (code: string, description?: string): Outcome<never> =>
  description === undefined ? { ok: false, code } : { ok: false, code, description };

export { wireInteger } from '../../lib/catalog/schema';

/** The member id of a validated request; Int64 fields may arrive as number, bigint or digit string. */
export function userIdOf(value: number | bigint | string): bigint {
  const id = exactInteger(value);
  if (id === undefined) throw new TypeError('userId passed validation but has no exact integer value');
  return id;
}
