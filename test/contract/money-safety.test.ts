/**
 * The money flow case by case: replays, conflicts, concurrent duplicates, pending answers, and
 * every way an answer can break (sandbox faults), before or after the charge happened, over plain
 * HTTP and a TLS handshake that fails.
 */
import { chargeByBankAccount } from '../../lib/catalog';
import type { CredentialStore } from '../../lib/credentials';
import { moneyHandler } from '../../lib/money/handler';
import type { MemoryLedger } from '../../lib/money/ledger';
import type { SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { ANSWER_BREAKS } from '../support/answer-breaks';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { logLines } from '../support/log-lines';
import { MONEY_MEMBER as MEMBER, startMoneyGateway, type MoneyGateway } from '../support/money-gateway';
import { trustedTlsIdentity } from '../support/trust';

const SETTLE_MS = 300;
let platform: PlatformHandle;
let charge: MoneyGateway['charge'];
let credentials: SandboxCredentials;
let store: CredentialStore;
let ledger: MemoryLedger;
let chargeRequest: MoneyGateway['chargeRequest'];

beforeAll(async () => {
  ({ credentials, store, platform, ledger, charge, chargeRequest } = await startMoneyGateway({ secretId: 'money-safety', settleMs: SETTLE_MS }));
  platform.state.payments.pendingDelayMs = 200;
});
afterAll(() => platform.close());

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

it('says in the log that a repeated request was answered from the ledger: operation, sequenceId and state, never the request', async () => {
  const request = await chargeRequest('MS-REPLAY-LOG');
  await charge(request, lambdaContext() as never);
  const { lines, raw } = await logLines(() => charge(request, lambdaContext() as never));
  const replayed = lines.filter((line) => line.message === 'answered from the ledger');
  expect(replayed).toEqual([expect.objectContaining({ level: 'INFO', operation: 'chargeByBankAccount', sequenceId: 'MS-REPLAY-LOG', state: 'DONE' })]);
  expect(lines.some((line) => line.message === 'platform answered')).toBe(false);
  for (const value of [request.oneTimeToken, request.dcvv, request.merchantId]) expect(raw).not.toContain(value);
  expect(chargesSent('MS-REPLAY-LOG')).toBe(1);
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

const ledgerState = (sequenceId: string) => ledger.records.get(`chargeByBankAccount#${sequenceId}`)?.state;

describe('an answer broken after the charge happened', () => {
  it.each(ANSWER_BREAKS.map((fault) => fault(true)))('($type) is recovered by asking the platform: COMPLETED, sent once, ledger DONE', async (fault) => {
    platform.faults.schedule('chargeByBankAccount', fault);
    const sequenceId = `MS-BROKEN-${fault.type}`;
    const request = await chargeRequest(sequenceId);
    const started = Date.now();
    expect(await charge(request, lambdaContext(2000) as never)).toMatchObject({ outcome: 'COMPLETED', sequenceId });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(platform.state.payments.entry(sequenceId)?.result).toBe('COMPLETED');
    expect(platform.requests.list().find((r) => r.path.endsWith('/no-hce') && r.body.includes(`"${sequenceId}"`))?.fault).toBe(fault.type);
    expect(chargesSent(sequenceId)).toBe(1);
    expect(ledgerState(sequenceId)).toBe('DONE');
    // The caller's retry is answered from the ledger, not sent.
    expect(await charge(request, lambdaContext(2000) as never)).toMatchObject({ outcome: 'COMPLETED' });
    expect(chargesSent(sequenceId)).toBe(1);
  });
});

it('answers broken before the charge happened, all at once: "outcome unknown" (ledger UNKNOWN), then "did not happen" once certain, never resent', async () => {
  const faults = ANSWER_BREAKS.map((fault) => fault(false));
  for (const fault of faults) platform.faults.schedule('chargeByBankAccount', fault);
  const requests = await Promise.all(faults.map((fault) => chargeRequest(`MS-U-${fault.type}`)));
  const firedBefore = platform.faults.firedCounts();

  const started = Date.now();
  const first = await Promise.all(requests.map((request) => outcome(charge(request, lambdaContext(1500) as never))));
  expect(Date.now() - started).toBeLessThan(1500);
  expect(first.map((r) => r.error?.name)).toEqual(faults.map(() => 'KonaplateOutcomeUnknown'));
  for (const fault of faults) expect(platform.faults.firedCounts()[fault.type]).toBe((firedBefore[fault.type] ?? 0) + 1);
  expect(requests.map((r) => ledgerState(r.sequenceId))).toEqual(faults.map(() => 'UNKNOWN'));

  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
  const later = await Promise.all(requests.map((request) => outcome(charge(request, lambdaContext(2500) as never))));
  for (const result of later) expect(result.error?.message).toMatch(/did not take effect/);
  for (const request of requests) {
    expect(platform.state.payments.entry(request.sequenceId)).toBeUndefined();
    expect(chargesSent(request.sequenceId)).toBe(1);
    expect(ledgerState(request.sequenceId)).toBe('DONE');
  }
});

describe('a TLS handshake that fails', () => {
  const identity = trustedTlsIdentity();
  let secure: PlatformHandle;
  let secureCharge: MoneyGateway['charge'];
  beforeEach(async () => {
    // A fresh TLS platform each time: the charge is the first call, so it needs a handshake.
    secure = await startPlatform({ project: credentials.project, tls: identity });
    secureCharge = moneyHandler(chargeByBankAccount, { store: () => store, baseUrl: () => secure.url, ledger: () => ledger, settleMs: () => SETTLE_MS });
  });
  afterEach(() => secure.close());

  /** A token issued on the platform's books directly, so that no gateway call opens a connection first. */
  function secureChargeRequest(sequenceId: string) {
    const member = secure.state.member(BigInt(MEMBER))!;
    const { oneTimeToken, dcvv } = secure.state.payments.issueToken(member.cards[0]!, member, undefined, Date.now());
    return { sequenceId, userId: MEMBER, amount: 1000, oneTimeToken, dcvv, merchantId: '410195430033901' };
  }
  const sentTo = (sequenceId: string) => secure.requests.list().filter((r) => r.body.includes(`"${sequenceId}"`)).length;

  it('once: the charge never left, so it is sent on a new connection and happens once', async () => {
    secure.faults.scheduleConnection({ type: 'tls-handshake', how: 'reset' });
    const request = secureChargeRequest('MS-TLS-ONCE');
    expect(await secureCharge(request, lambdaContext(3000) as never)).toMatchObject({ outcome: 'COMPLETED' });
    expect(secure.faults.firedCounts()).toEqual({ 'tls-handshake': 1 });
    expect(sentTo('MS-TLS-ONCE')).toBe(1);
    expect(ledgerState('MS-TLS-ONCE')).toBe('DONE');
  });

  it('every time: 502 "unavailable" with the ledger released, and the caller\'s retry charges once', async () => {
    secure.faults.scheduleConnection({ type: 'tls-handshake', how: 'untrusted-certificate' }, 3);
    const request = secureChargeRequest('MS-TLS-DOWN');
    const { error } = await outcome(secureCharge(request, lambdaContext(3000) as never));
    expect(error.name).toBe('KonaplateUnavailable');
    expect(ledgerState('MS-TLS-DOWN')).toBeUndefined();
    expect(secure.requests.size).toBe(0);
    expect(await secureCharge(request, lambdaContext(3000) as never)).toMatchObject({ outcome: 'COMPLETED' });
    expect(sentTo('MS-TLS-DOWN')).toBe(1);
    expect(secure.state.payments.entry('MS-TLS-DOWN')?.result).toBe('COMPLETED');
  });
});
