/** The money flow case by case: replays, conflicts, concurrent duplicates, pending and lost answers. */
import { chargeByBankAccount, issueOneTimeToken } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { moneySafety } from '../../lib/idempotency';
import { MemoryIdempotencyStore } from '../../lib/idempotency/store';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials } from '../../sandbox/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform-server';
import { httpEvent, lambdaContext } from '../support/lambda-context';

const SETTLE_MS = 300;
let platform: PlatformHandle;
let charge: ReturnType<typeof gatewayHandler>;
let token: ReturnType<typeof gatewayHandler>;
const MEMBER = 50000104652;

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  platform.state.payments.pendingDelayMs = 200;
  const store = new CredentialStore({ secretId: 'money-safety', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  const ledger = new MemoryIdempotencyStore();
  const deps = { store: () => store, baseUrl: () => platform.url, ...moneySafety(() => ledger, () => SETTLE_MS) };
  charge = gatewayHandler(chargeByBankAccount, deps);
  token = gatewayHandler(issueOneTimeToken, deps);
});
afterAll(() => platform.close());

async function chargeRequest(sequenceId: string, amount = 1000) {
  const card = platform.state.member(BigInt(MEMBER))!.cards[0]!;
  const { oneTimeToken, dcvv } = (await token({ cardNo: card.cardNo }, lambdaContext() as never)) as { oneTimeToken: string; dcvv: string };
  return { sequenceId, userId: MEMBER, amount, oneTimeToken, dcvv, merchantId: '410195430033901' };
}

async function outcome(promise: Promise<unknown>): Promise<{ value?: any; error?: any }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

const chargesSent = (sequenceId: string) =>
  platform.requests.list().filter((r) => r.path.endsWith('/no-hce') && r.body.includes(`"${sequenceId}"`)).length;

it('answers a repeated request from the ledger, in any key order, without a second charge', async () => {
  const request = await chargeRequest('MS-REPLAY');
  const first = await charge(request, lambdaContext() as never);
  const reordered = Object.fromEntries(Object.entries(request).reverse());
  const http = (await charge(httpEvent(chargeByBankAccount.path, JSON.stringify(reordered)) as never, lambdaContext() as never)) as { statusCode: number; body: string };
  expect(http.statusCode).toBe(200);
  expect(JSON.parse(http.body)).toEqual(first);
  expect(chargesSent('MS-REPLAY')).toBe(1);
});

it('refuses a sequenceId reused for another request with a 409 naming it', async () => {
  const request = await chargeRequest('MS-REUSED');
  await charge(request, lambdaContext() as never);
  const { error } = await outcome(charge({ ...request, amount: 2000 }, lambdaContext() as never));
  expect(error.name).toBe('KonaplateConflict');
  expect(error.details).toMatchObject({ field: 'sequenceId', sequenceId: 'MS-REUSED' });
  expect(chargesSent('MS-REUSED')).toBe(1);
});

it('sends exactly one of 8 concurrent duplicates; the others get its answer or a 409 while it is in flight', async () => {
  const request = await chargeRequest('MS-CONCURRENT');
  const results = await Promise.all(Array.from({ length: 8 }, () => outcome(charge(request, lambdaContext() as never))));
  expect(chargesSent('MS-CONCURRENT')).toBe(1);
  for (const result of results) {
    if (result.error) expect(result.error.name).toBe('KonaplateConflict');
    else expect(result.value).toMatchObject({ sequenceId: 'MS-CONCURRENT', outcome: 'COMPLETED' });
  }
  expect(results.some((r) => r.value)).toBe(true);
});

it('reports a pending charge as 202, then as completed once the platform settles it', async () => {
  platform.faults.schedule('chargeByBankAccount', { type: 'pending', then: 'COMPLETED' });
  const request = await chargeRequest('MS-PENDING');
  const http = (await charge(httpEvent(chargeByBankAccount.path, JSON.stringify(request)) as never, lambdaContext() as never)) as { statusCode: number; body: string };
  expect(http.statusCode).toBe(202);
  expect(JSON.parse(http.body)).toMatchObject({ isPending: true, outcome: 'PENDING' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await charge(request, lambdaContext() as never)).toMatchObject({ isPending: false, outcome: 'COMPLETED', nrNumber: JSON.parse(http.body).nrNumber });
  expect(chargesSent('MS-PENDING')).toBe(1);
});

it('recovers a charge whose answer was lost after it happened', async () => {
  platform.faults.schedule('chargeByBankAccount', { type: 'drop', commit: true });
  const request = await chargeRequest('MS-LOST');
  expect(await charge(request, lambdaContext() as never)).toMatchObject({ outcome: 'COMPLETED', sequenceId: 'MS-LOST' });
  expect(platform.state.payments.entry('MS-LOST')?.result).toBe('COMPLETED');
  expect(chargesSent('MS-LOST')).toBe(1);
});

it('says "outcome unknown" when the platform never got it, then "did not happen" once that is certain, never resending', async () => {
  platform.faults.schedule('chargeByBankAccount', { type: 'drop', commit: false });
  const request = await chargeRequest('MS-NEVER');
  const first = await outcome(charge(request, lambdaContext(2500) as never));
  expect(first.error.name).toBe('KonaplateOutcomeUnknown');
  expect(first.error.details.sequenceId).toBe('MS-NEVER');
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
  const later = await outcome(charge(request, lambdaContext(2500) as never));
  expect(later.error.name).toBe('KonaplateRejected');
  expect(later.error.message).toMatch(/did not take effect/);
  expect(platform.state.payments.entry('MS-NEVER')).toBeUndefined();
  expect(chargesSent('MS-NEVER')).toBe(1);
});
