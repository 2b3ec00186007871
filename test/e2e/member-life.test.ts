/**
 * The caller client (`konaplate-gateway/client`) through the local stack (serverless-offline, the
 * sandbox platform, local Secrets Manager and DynamoDB), over the SigV4-signed HTTP API and by
 * direct invoke: a member's whole life (sign-up, terms, bank account by ARS, a charge, a card, its
 * suspension, the charge cancelled, the card discarded, the membership cancelled), each step checking
 * what the platform now holds; charges whose answers break (sandbox faults) carried to COMPLETED
 * exactly once in the sandbox's books; the client as a scratch TypeScript project uses it; and every
 * OpenAPI route served.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { KonaplateClient, KonaplateConflict, KonaplateNetworkError, KonaplateOutcomeUnknown, type MoneyRetry } from '../../client';
import { localClient, memberLife, type Transport } from '../../scripts/member-life';
import { E2E_PORTS, startTestStack, type RunningStack } from '../support/local-stack';
import { scratchProject, type ScratchProject } from '../support/scratch-client';

jest.setTimeout(180_000);

let stack: RunningStack;

const stackUrls = () => ({ http: `http://127.0.0.1:${stack.ports.http}`, lambda: `http://127.0.0.1:${stack.ports.lambda}` });

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${stack.ports.http}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

async function sandbox(path: string, method = 'GET', body?: unknown): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${stack.ports.sandbox}/__sandbox${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

const scheduleFault = (operation: string, fault: Record<string, unknown>, count = 1) => sandbox('/faults', 'POST', { operation, fault, count });

/** The charge requests that reached the platform with this sequenceId, as the sandbox recorded them. */
async function chargesSent(sequenceId: string): Promise<Array<{ committed?: boolean; fault?: string }>> {
  const { requests } = (await sandbox('/requests')) as { requests: Array<{ path: string; body: string; committed?: boolean; fault?: string }> };
  return requests.filter((r) => r.path.endsWith('/no-hce') && r.body.includes(`"${sequenceId}"`));
}

beforeAll(async () => {
  // Ports of its own (the other end-to-end file's + 1000), moved by E2E_PORT_OFFSET like theirs.
  const ports = Object.fromEntries(Object.entries(E2E_PORTS).map(([name, port]) => [name, port + 1000])) as typeof E2E_PORTS;
  stack = await startTestStack(ports);
});

afterAll(async () => {
  await stack?.stop();
});

it('serves every OpenAPI route: a valid request reaches the platform and gets a typed answer, an invalid one a 400', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/openapi.json'), 'utf8')) as { paths: Record<string, { post: any }> };
  const routes = Object.keys(doc.paths);
  expect(routes.length).toBeGreaterThanOrEqual(49);
  // The sandbox keeps the last 500 requests: start from none, so every route's shows.
  await sandbox('/requests', 'DELETE');
  const recorded = async () => ((await (await fetch(`http://127.0.0.1:${stack.ports.sandbox}/__sandbox/requests`)).json()) as { requests: Array<{ path: string }> }).requests;
  const outcomes: Record<string, string> = {};
  for (const route of routes) {
    const example = doc.paths[route]!.post.requestBody.content['application/json'].example;
    const invalid = await post(route, { ...(example ?? {}), zz: 1 });
    expect({ route, status: invalid.status, type: invalid.body.error?.type }).toEqual({ route, status: 400, type: 'KonaplateInvalidRequest' });
    if (example === undefined) continue;
    expect(invalid.body.error.field).toBe('zz');
    const before = (await recorded()).length;
    const valid = await post(route, example);
    outcomes[route] = `${valid.status} ${valid.body.error?.type ?? 'ok'}`;
    expect({ route, serverError: valid.status >= 500 }).toEqual({ route, serverError: false });
    const after = await recorded();
    expect(after.length).toBeGreaterThan(before);
    const properties = doc.paths[route]!.post.requestBody.content['application/json'].schema.properties as Record<string, Record<string, unknown>>;
    if (Object.values(properties).some((field) => field['x-gateway-only'] === true)) {
      // The example's made-up card: the platform will not show its history, so the money request is refused before it is sent.
      expect({ route, type: valid.body.error?.type, field: valid.body.error?.field }).toEqual({ route, type: 'KonaplateInvalidRequest', field: 'par' });
      expect(after.slice(before).map((r) => r.path)).toEqual(['/open-api/api/v1/transaction/card']);
      continue;
    }
    expect({ route, invalidRequest: valid.body.error?.type === 'KonaplateInvalidRequest' }).toEqual({ route, invalidRequest: false });
    expect(after.slice(before).map((r) => r.path)).toContain(`/open-api${route}`);
  }
  expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(routes.length / 2);
});

describe.each<Transport>(['http', 'invoke'])('through the client over %s', (transport) => {
  it('runs a member from sign-up to cancellation (the same steps as `npm run scenario`)', async () => {
    const steps: string[] = [];
    await memberLife(localClient(stackUrls(), transport), (line) => steps.push(line), `${transport}${Date.now()}`);
    expect(steps).toHaveLength(17);
  });

  describe('charges whose answers break end COMPLETED, exactly once in the sandbox\'s books', () => {
    let client: KonaplateClient;
    let member: { userId: number | bigint; cardNo: string; par: string };
    let charged = 0;

    beforeAll(async () => {
      client = localClient(stackUrls(), transport);
      const suffix = `${transport}.faults.${Date.now()}`;
      const registered = await client.userRegister({
        loginId: `${suffix}@example.com`, loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Female',
        userName: '김충전', email: `${suffix}@example.com`, mobileNumber: '01055556666',
      });
      member = { userId: registered.userId, cardNo: registered.basicCardInfo!.cardNo, par: registered.basicCardInfo!.par };
      await sandbox(`/members/${registered.userId}/accounts`, 'POST', { kind: 'normal', bankAccount: '04070204777111', bankCode: '004', bankName: 'KB국민' });
    });
    afterEach(() => sandbox('/faults', 'DELETE'));

    /** One charge of `amount` with a sequenceId of the test's, and what the client went through. */
    async function chargeThrough(sequenceId: string, amount: number, options: { attemptTimeoutMs?: number } = {}) {
      const { oneTimeToken, dcvv } = await client.issueOneTimeToken({ cardNo: member.cardNo });
      const retries: MoneyRetry[] = [];
      const answer = await client.charge(
        { sequenceId, userId: member.userId, amount, oneTimeToken, dcvv, merchantId: '410195430033901' },
        { ...options, backoff: { initialMs: 100, maxMs: 1000 }, onRetry: (retry) => retries.push(retry) },
      );
      return { answer, retries };
    }

    /** Exactly one charge request reached the platform and it took effect; the card holds every charge once. */
    async function expectChargedOnce(sequenceId: string, amount: number, fault?: string) {
      const sent = await chargesSent(sequenceId);
      expect(sent).toEqual([expect.objectContaining({ committed: true, ...(fault && { fault }) })]);
      charged += amount;
      const card = (await client.cardList({ userId: member.userId })).cardDataInfo.find((c) => c.par === member.par)!;
      expect({ balance: card.balance, pendingAmount: card.pendingAmount }).toEqual({ balance: charged, pendingAmount: 0 });
    }

    it('a dropped answer the gateway cannot settle at once: 504 outcome unknown, then COMPLETED', async () => {
      const sequenceId = `E2E-DROP-${transport}-${Date.now()}`.slice(0, 30);
      await scheduleFault('chargeByBankAccount', { type: 'drop', commit: true });
      // The gateway's first outcome inquiry is refused, so it answers 504 and the client must call again.
      await scheduleFault('chargeResultInquiry', { type: 'code', code: '000_002' });
      const { answer, retries } = await chargeThrough(sequenceId, 1000);
      expect({ outcome: answer.outcome, sequenceId: answer.sequenceId }).toEqual({ outcome: 'COMPLETED', sequenceId });
      expect(retries.map((r) => r.reason)).toEqual([expect.any(KonaplateOutcomeUnknown)]);
      expect(retries.every((r) => r.key === sequenceId && r.keyName === 'sequenceId')).toBe(true);
      await expectChargedOnce(sequenceId, 1000, 'drop');
    });

    it('a 5xx after the charge took effect: COMPLETED', async () => {
      const sequenceId = `E2E-5XX-${transport}-${Date.now()}`.slice(0, 30);
      await scheduleFault('chargeByBankAccount', { type: 'status', status: 503, commit: true });
      await scheduleFault('chargeResultInquiry', { type: 'code', code: '000_002' });
      const { answer, retries } = await chargeThrough(sequenceId, 2000);
      expect(answer.outcome).toBe('COMPLETED');
      expect(retries.map((r) => r.reason)).toEqual([expect.any(KonaplateOutcomeUnknown)]);
      await expectChargedOnce(sequenceId, 2000, 'status');
    });

    it('a pending charge: 202 PENDING, asked again until COMPLETED, with its nrNumber', async () => {
      const sequenceId = `E2E-PEND-${transport}-${Date.now()}`.slice(0, 30);
      await scheduleFault('chargeByBankAccount', { type: 'pending', then: 'COMPLETED' });
      const { answer, retries } = await chargeThrough(sequenceId, 3000);
      expect({ outcome: answer.outcome, isPending: answer.isPending }).toEqual({ outcome: 'COMPLETED', isPending: false });
      expect(answer.nrNumber).toMatch(/^KMN/);
      expect(retries.length).toBeGreaterThan(0);
      expect(retries.every((r) => r.reason === 'pending')).toBe(true);
      // (the sandbox books a pending charge as its behaviour, not as a broken answer: no fault label)
      await expectChargedOnce(sequenceId, 3000);
    });

    it('an answer that does not reach the client in time: called again with the same sequenceId (409 while in flight), COMPLETED', async () => {
      const sequenceId = `E2E-SLOW-${transport}-${Date.now()}`.slice(0, 30);
      await scheduleFault('chargeByBankAccount', { type: 'delay', ms: 2200 });
      const { answer, retries } = await chargeThrough(sequenceId, 4000, { attemptTimeoutMs: 800 });
      expect(answer.outcome).toBe('COMPLETED');
      expect(retries[0]!.reason).toBeInstanceOf(KonaplateNetworkError);
      expect(retries.some((r) => r.reason instanceof KonaplateConflict)).toBe(true);
      await expectChargedOnce(sequenceId, 4000, 'delay');
    });
  });
});

describe('from a scratch TypeScript project depending on konaplate-gateway', () => {
  let project: ScratchProject;

  beforeAll(async () => {
    project = await scratchProject();
  });
  afterAll(() => project?.remove());

  it.each<Transport>(['http', 'invoke'])('charges over %s with a dropped answer, exactly once, and sends a 19-digit bigint id exactly', async (transport) => {
    const client = localClient(stackUrls(), transport);
    const suffix = `scratch.${transport}.${Date.now()}`;
    const registered = await client.userRegister({
      loginId: `${suffix}@example.com`, loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Male',
      userName: '박외부', email: `${suffix}@example.com`, mobileNumber: '01044443333',
    });
    await sandbox(`/members/${registered.userId}/accounts`, 'POST', { kind: 'normal', bankAccount: '04070204777222', bankCode: '004', bankName: 'KB국민' });
    await scheduleFault('chargeByBankAccount', { type: 'drop', commit: true });
    await scheduleFault('chargeResultInquiry', { type: 'code', code: '000_002' });
    const target = transport === 'http' ? stackUrls().http : stackUrls().lambda;
    // Not execFileSync: the stack's DynamoDB runs in this process and must keep answering.
    const { stdout: output } = await promisify(execFile)(process.execPath, [project.program, transport, target, String(registered.userId), registered.basicCardInfo!.cardNo], { encoding: 'utf8', timeout: 60_000 });
    const result = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(result).toEqual({
      outcome: 'COMPLETED', sequenceId: expect.any(String), sequenceIdLength: 20, retriedWith: ['KonaplateOutcomeUnknown'], sameSequenceId: true,
      unknownMember: { name: 'KonaplateNotFound', platformCode: '001_006' },
    });
    expect(await chargesSent(result.sequenceId)).toEqual([expect.objectContaining({ committed: true, fault: 'drop' })]);
    // The 19-digit id sent as a bigint reached the platform with every digit.
    const { requests } = (await sandbox('/requests')) as { requests: Array<{ path: string; plaintext?: string }> };
    expect(requests.filter((r) => r.path.endsWith('/user/info')).at(-1)!.plaintext).toBe('{"userId":9223372036854775807}');
    await sandbox('/faults', 'DELETE');
  });
});
