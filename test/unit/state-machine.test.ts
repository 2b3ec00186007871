/**
 * The Step Functions example (deploy/state-machines/): no Step Functions emulator runs here, so every
 * name the definition relies on is checked against what it names — error names against
 * lib/errors.ts ERROR_TABLE, function references against serverless.yml and its substitutions, field
 * names against the catalog's request and answer schemas — and its states against each other.
 * test/package/prod-package.test.ts checks the packaged template with the example switched on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { operationById } from '../../lib/catalog';
import { ERROR_TABLE } from '../../lib/errors';

const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, 'deploy/state-machines');

interface Retrier { ErrorEquals: string[]; IntervalSeconds: number; MaxAttempts: number; BackoffRate: number }
interface Catcher { ErrorEquals: string[]; ResultPath: string; Next: string }
interface State {
  Type: 'Task' | 'Choice' | 'Wait' | 'Pass' | 'Fail' | 'Succeed';
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ResultSelector?: Record<string, string>;
  ResultPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: Array<{ Variable: string; StringEquals: string; Next: string }>;
  Seconds?: number;
}

const definition = JSON.parse(readFileSync(path.join(DIR, 'charge-flow.asl.json'), 'utf8')) as { StartAt: string; States: Record<string, State> };
const resources = load(readFileSync(path.join(DIR, 'charge-flow.yml'), 'utf8')) as {
  Parameters: Record<string, { Default: string; AllowedValues: string[] }>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, { Condition?: string; Properties: Record<string, any> }>;
};
const serverless = load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as {
  params: { default: Record<string, unknown> };
  resources: unknown[];
  functions: Record<string, unknown>;
};

const states = Object.entries(definition.States);
const tasks = states.filter(([, state]) => state.Type === 'Task');
const machine = resources.Resources.ChargeFlowStateMachine!.Properties;
const role = resources.Resources.ChargeFlowRole!.Properties;

/** Errors the gateway names "try again": nothing sent, or sent and safe to ask again (README "Errors"). */
const TRANSIENT = ['KonaplateTimeout', 'KonaplateUnavailable', 'KonaplateOutcomeUnknown', 'GatewayCredentialsUnavailable'];
/** Refusals: the table's 4xx kinds. Nothing was charged; asking again gives the same answer. */
const REFUSALS = Object.values(ERROR_TABLE).filter((row) => row.status >= 400 && row.status < 500).map((row) => row.name);
/** Names AWS defines: Step Functions' own, and the Lambda service errors AWS recommends retrying. */
const AWS_NAMES = ['States.ALL', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];
/** What an execution starts with (the definition's Comment says so). */
const INPUT = ['sequenceId', 'userId', 'amount', 'merchantId', 'cardNo'];

/** `${IssueOneTimeTokenArn}` → the serverless.yml function it stands for, through DefinitionSubstitutions. */
function functionOfTask(state: State): string {
  const placeholder = /^\$\{(\w+)\}$/.exec(state.Resource ?? '')?.[1];
  expect(placeholder).toBeDefined();
  const logicalId = machine.DefinitionSubstitutions[placeholder!]?.['Fn::GetAtt']?.[0] as string;
  expect(logicalId).toMatch(/LambdaFunction$/);
  // The Framework's logical id: the function key, first letter upper-cased, + LambdaFunction.
  const key = Object.keys(serverless.functions).find((name) => `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction` === logicalId);
  expect([logicalId, key]).toEqual([logicalId, expect.any(String)]);
  return key!;
}

describe('the charge-flow state machine', () => {
  it('names only errors of the gateway\'s error table, or AWS\'s own', () => {
    const named = states.flatMap(([, state]) => [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((rule) => rule.ErrorEquals));
    const known = new Set([...Object.values(ERROR_TABLE).map((row) => row.name), ...AWS_NAMES]);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
    expect(new Set(named)).toEqual(new Set([...TRANSIENT, ...REFUSALS, ...AWS_NAMES]));
  });

  it.each(tasks)('%s: retries exactly the transient errors and the Lambda service errors, and stops a refusal', (name, state) => {
    expect(state.Retry!.map((rule) => rule.ErrorEquals)).toEqual([TRANSIENT, AWS_NAMES.filter((n) => n.startsWith('Lambda.'))]);
    for (const rule of state.Retry!) expect(rule.MaxAttempts).toBeLessThanOrEqual(3);
    // A charge is retried with the same one-time token, valid 30 s: the retries' waits stay well inside it.
    if (name === 'Charge') {
      const [transient] = state.Retry!;
      const waits = Array.from({ length: transient!.MaxAttempts }, (_, i) => transient!.IntervalSeconds * transient!.BackoffRate ** i);
      expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    }
    const caught = state.Catch!.flatMap((rule) => rule.ErrorEquals);
    // The result inquiry's only expected refusal: no charge with that sequenceId.
    expect(caught).toEqual(name === 'AskResult' ? ['KonaplateNotFound'] : [...REFUSALS, ...(name === 'Charge' ? ['States.ALL'] : [])]);
  });

  it('settles any other charge failure by asking the result, never by charging again', () => {
    const charge = definition.States.Charge!;
    expect(charge.Catch!.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'WaitForResult' });
    expect(definition.States.WaitForResult).toMatchObject({ Type: 'Wait', Next: 'AskResult' });
    expect(definition.States.WaitForResult!.Seconds).toBeGreaterThanOrEqual(60);
    // Nothing after the charge leads back to it.
    const reachable = (from: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(from)) return seen;
      seen.add(from);
      const state = definition.States[from]!;
      for (const next of [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)]) if (next) reachable(next, seen);
      return seen;
    };
    for (const after of ['IsPending', 'WaitForResult', 'AskResult', 'IsSettled']) expect(reachable(after).has('Charge')).toBe(false);
    // Every state is reachable from the start, and every path ends.
    expect([...reachable(definition.StartAt)].sort()).toEqual(Object.keys(definition.States).sort());
    for (const [, state] of states) expect(state.End === true || ['Fail', 'Succeed', 'Choice'].includes(state.Type) || typeof state.Next === 'string').toBe(true);
  });

  it('invokes serverless.yml functions through substitutions, and its role may invoke those alone', () => {
    const invoked = tasks.map(([, state]) => functionOfTask(state));
    expect(invoked).toEqual(['issueOneTimeToken', 'chargeByBankAccount', 'chargeResultInquiry']);
    const placeholders = [...JSON.stringify(definition).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    expect([...new Set(placeholders)].sort()).toEqual(Object.keys(machine.DefinitionSubstitutions).sort());
    const [statement, ...others] = role.Policies.flatMap((p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement);
    expect(others).toEqual([]);
    expect(statement).toEqual({ Sid: 'InvokeChargeFlowFunctions', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: Object.values(machine.DefinitionSubstitutions) });
    expect(role.ManagedPolicyArns).toBeUndefined();
  });

  it.each(tasks)('%s: sends the fields its operation takes, and reads fields its answer has', (_name, state) => {
    const op = operationById(functionOfTask(state))!;
    const properties = Object.keys(op.request.properties);
    const sent = Object.keys(state.Parameters!).map((key) => key.replace(/\.\$$/, ''));
    expect(sent.filter((field) => !properties.includes(field))).toEqual([]);
    expect((op.request.required ?? []).filter((field: string) => !sent.includes(field))).toEqual([]);
    const tokenFields = Object.keys(definition.States.IssueOneTimeToken!.ResultSelector!).map((key) => key.replace(/\.\$$/, ''));
    for (const source of Object.values(state.Parameters!) as string[]) {
      const [, top, field] = /^\$\.(\w+)(?:\.(\w+))?$/.exec(source)!;
      if (top === 'token') expect(tokenFields).toContain(field);
      else expect([source, INPUT.includes(top!)]).toEqual([source, true]);
    }
    for (const source of Object.values(state.ResultSelector ?? {})) expect(Object.keys(op.response.properties)).toContain(source.replace(/^\$\./, ''));
  });

  it('decides on the values the gateway answers', () => {
    const results = (operationById('chargeResultInquiry')!.response.properties.result as unknown as { enum: string[] }).enum;
    const choices = states.flatMap(([, state]) => state.Choices ?? []);
    expect(choices.map((c) => [c.Variable, c.StringEquals])).toEqual([['$.charge.outcome', 'PENDING'], ['$.inquiry.result', 'COMPLETED'], ['$.inquiry.result', 'FAILED']]);
    // A money answer's outcome (COMPLETED or PENDING, README "Errors") and the inquiry's result share these words.
    for (const choice of choices) expect(results).toContain(choice.StringEquals);
    expect(definition.States.IsSettled!.Default).toBe('WaitForResult');
  });

  it('is off unless the stage says stepFunctionsExample \'true\', and then wired into serverless.yml', () => {
    expect(serverless.params.default.stepFunctionsExample).toBe('false');
    expect(serverless.resources).toContain('${file(deploy/state-machines/charge-flow.yml)}');
    expect(resources.Parameters.StepFunctionsExample).toMatchObject({ Default: '${param:stepFunctionsExample}', AllowedValues: ['true', 'false'] });
    expect(resources.Conditions.StepFunctionsExampleOn).toEqual({ 'Fn::Equals': [{ Ref: 'StepFunctionsExample' }, 'true'] });
    for (const [id, resource] of Object.entries(resources.Resources)) expect([id, resource.Condition]).toEqual([id, 'StepFunctionsExampleOn']);
    expect(machine.Definition).toBe('${file(deploy/state-machines/charge-flow.asl.json)}');
  });
});
