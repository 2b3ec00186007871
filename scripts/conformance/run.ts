/**
 * A conformance run: every step of the plan (plan.ts) through the gateway's own code — the
 * catalog's request check, callWithPolicy (lib/upstream: headers, token, JWE, deadlines, retry
 * policy) with credentials from a CredentialStore — watching each attempt on the wire, and each
 * last attempt judged against the catalog (judge.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { OPERATIONS } from '../../lib/catalog';
import type { Operation } from '../../lib/catalog/types';
import type { CredentialStore } from '../../lib/credentials/store';
import { KeyCache } from '../../lib/protocol/keys';
import type { AttemptSeen } from '../../lib/upstream/call';
import { callWithPolicy } from '../../lib/upstream/policy';
import { judge, type Judgement } from './judge';
import { STEPS, type HelperCall, type RunState, type Step, type When } from './plan';
import type { TestData } from './test-data';

export interface Environment {
  name: string;
  baseUrl: string;
  /** The local sandbox (a loopback host): what it says proves nothing about the platform. */
  local: boolean;
}

export interface RunOptions {
  environment: Environment;
  store: CredentialStore;
  testData: TestData;
  /** Also run charges, their cancel and the threshold top-up. */
  money?: boolean;
  /** Only reads: no member is signed up, nothing is written. */
  readsOnly?: boolean;
  /** Run only these operations' steps (op ids); the others are reported as not asked. */
  only?: readonly string[];
  /** Budget of one call, ms (default 15 s). */
  timeoutMs?: number;
  /** One line per operation as the run goes (no values, only codes). */
  say?: (line: string) => void;
}

export interface OperationReport extends Partial<Judgement> {
  operation: string;
  n: number;
  path: string;
  kind: Operation['kind'];
  /** When the plan runs it: reads, member-life writes, money; none without a step. */
  runs?: When;
  ran: boolean;
  /** Why it did not run. */
  skipped?: string;
  /** HTTP attempts the reported call took (retries of a read, asking again while the platform works). */
  attempts?: number;
}

export interface ConformanceReport {
  tool: 'npm run conformance';
  version: 1;
  environment: Environment;
  startedAt: string;
  finishedAt: string;
  options: { money: boolean; readsOnly: boolean; only?: readonly string[] };
  summary: { operations: number; ran: number; conformant: number; differing: number; refused: number; unreached: number; skipped: number };
  /** In the catalog's order. */
  operations: OperationReport[];
}

const DEFAULT_TIMEOUT_MS = 15_000;

const koreanToday = (now: number) => new Date(now + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

/** The reason a step does not run under these options, if any. */
function notAsked(step: Step, options: RunOptions): string | undefined {
  if (options.only && !options.only.includes(step.op.id)) return 'not asked (--only)';
  if (step.when === 'money' && !options.money) return 'moves money: run with --money';
  if (step.when !== 'read' && options.readsOnly) return 'a write: not run with --reads-only';
  return undefined;
}

export async function runConformance(options: RunOptions): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const credentials = await options.store.get();
  const keys = new KeyCache();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const say = options.say ?? (() => undefined);
  const firstKeyId = credentials.cryptoKeys[0]?.id;

  /** One call as callers make it: checked by the catalog, then through the retry policy, each attempt watched. */
  const send = async (op: Operation, input: Record<string, unknown>, seen: AttemptSeen[]) => {
    const violation = op.checks.request.firstViolation(input);
    if (violation) throw new Error(`the input breaks the catalog at ${violation.field || 'body'}: ${violation.rule} (check the test data)`);
    return callWithPolicy(op, op.checks.request.normalizeIntegers(input), {
      baseUrl: options.environment.baseUrl, credentials, store: options.store, deadline: Date.now() + timeoutMs, keys,
      observe: (attempt) => seen.push(attempt),
    });
  };
  const helper: HelperCall = (op, input) => send(op, input, []).then((result) => result.data, () => undefined);

  const state: RunState = {
    data: options.testData,
    stamp: Date.now().toString(36),
    today: koreanToday(Date.now()),
    pin: options.testData.member?.loginPassword ?? '480213',
    ...(options.testData.userId !== undefined && { userId: options.testData.userId }),
  };

  const reports = new Map<string, OperationReport>();
  for (const step of STEPS) {
    const { op } = step;
    const row = { operation: op.id, n: op.n, path: op.path, kind: op.kind, runs: step.when };
    const skip = (skipped: string) => {
      reports.set(op.id, { ...row, ran: false, skipped });
      say(`${op.id}: not run (${skipped})`);
    };
    const reason = notAsked(step, options);
    if (reason) {
      skip(reason);
      continue;
    }
    await step.prepare?.(state, helper);
    const input = step.input(state);
    if (typeof input === 'string') {
      skip(input);
      continue;
    }
    const seen: AttemptSeen[] = [];
    let data: Record<string, unknown> | undefined;
    try {
      for (let asked = 1; ; asked += 1) {
        data = (await send(op, input, seen)).data;
        if (!step.again || !step.again.while(data) || asked >= step.again.attempts) break;
        await sleep(step.again.everyMs);
      }
    } catch (error) {
      data = undefined;
      if (seen.length === 0) {
        skip(`not sent: ${(error as Error).message}`);
        continue;
      }
    }
    const judged = judge(op, seen.at(-1), firstKeyId);
    reports.set(op.id, { ...row, ran: true, attempts: seen.length, ...judged });
    say(`${op.id}: ${judged.reached ? `${judged.protocol}, ${judged.resultCode ?? 'no code'}` : 'not reached'}${judged.differences.length ? `, ${judged.differences.length} difference(s)` : ', as the catalog says'}`);
    if (data) {
      step.learn?.(state, data);
      await step.tidy?.(state, helper);
    }
  }

  const operations = OPERATIONS.map((op) => reports.get(op.id) ?? { operation: op.id, n: op.n, path: op.path, kind: op.kind, ran: false, skipped: 'no step planned for it (scripts/conformance/plan.ts)' });
  const ran = operations.filter((report) => report.ran);
  return {
    tool: 'npm run conformance',
    version: 1,
    environment: options.environment,
    startedAt,
    finishedAt: new Date().toISOString(),
    options: { money: options.money ?? false, readsOnly: options.readsOnly ?? false, ...(options.only && { only: options.only }) },
    summary: {
      operations: operations.length,
      ran: ran.length,
      conformant: ran.filter((report) => report.conformant).length,
      differing: ran.filter((report) => !report.conformant).length,
      refused: ran.filter((report) => report.protocol === 'refused').length,
      unreached: ran.filter((report) => !report.reached).length,
      skipped: operations.length - ran.length,
    },
    operations,
  };
}

/** Exit status: 1 when the platform refused a call at protocol level or one was not reached; 0 otherwise. */
export function exitCode(report: ConformanceReport, failOnDifference = false): number {
  const { refused, unreached, differing } = report.summary;
  return refused > 0 || unreached > 0 || (failOnDifference && differing > 0) ? 1 : 0;
}
