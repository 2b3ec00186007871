/**
 * Card payments, their cancels and card balance refunds through the gateway's money flow, case by
 * case: keyed in the ledger by their own key (transactionId, the payment's nrNumber, sequenceId),
 * sent once, and when the answer is lost, the outcome learned from the card's transaction history
 * (no result inquiry exists for them): found once → COMPLETED; absent once the settle time passed
 * → did not happen; two rows that could be it → UNKNOWN, never a guess. The card named by the
 * gateway-only `par` never reaches the platform.
 */
import { cardBalanceRefund, issueOneTimeToken, paymentApprove, paymentCancel } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { moneyHandler } from '../../lib/money/handler';
import { MemoryLedger } from '../../lib/money/ledger';
import { stringifyJson } from '../../lib/protocol/json';
import type { CardRecord } from '../../sandbox/books/records';
import { generateSandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { ANSWER_BREAKS } from '../support/answer-breaks';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { logLines } from '../support/log-lines';

const SETTLE_MS = 300;
const MEMBER = 50000104652;
const MERCHANT = '410195430033901';
let platform: PlatformHandle;
let ledger: MemoryLedger;
let pay: ReturnType<typeof gatewayHandler>;
let cancel: ReturnType<typeof gatewayHandler>;
let refund: ReturnType<typeof gatewayHandler>;
let token: ReturnType<typeof gatewayHandler>;
let deps: Parameters<typeof moneyHandler>[1];

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  const store = new CredentialStore({ secretId: 'money-payments', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  ledger = new MemoryLedger();
  deps = { store: () => store, baseUrl: () => platform.url, ledger: () => ledger, settleMs: () => SETTLE_MS };
  pay = moneyHandler(paymentApprove, deps);
  cancel = moneyHandler(paymentCancel, deps);
  refund = moneyHandler(cardBalanceRefund, deps);
  token = gatewayHandler(issueOneTimeToken, deps);
});
afterAll(() => platform.close());
beforeEach(() => {
  platform.faults.clear();
  card().balance = 1_000_000;
});

const card = (): CardRecord => platform.state.member(BigInt(MEMBER))!.cards[0]!;

async function tokenFor(): Promise<{ oneTimeToken: string; dcvv: string }> {
  const { oneTimeToken, dcvv } = (await token({ cardNo: card().cardNo }, lambdaContext() as never)) as { oneTimeToken: string; dcvv: string };
  return { oneTimeToken, dcvv };
}

async function payRequest(transactionId: string, amount: number) {
  return { transactionId, ...(await tokenFor()), amount, merchantId: MERCHANT, channel: 'OPENAPI', par: card().par };
}

const cancelRequest = (nrNumber: string, amount: number) => ({ cardNo: card().cardNo, amount, nrNumber, merchantId: MERCHANT, channel: 'OPENAPI', par: card().par });

async function refundRequest(sequenceId: string) {
  return { sequenceId, userId: MEMBER, cardExpiry: card().expiryDate.slice(0, 4), ...(await tokenFor()), par: card().par };
}

async function outcome(promise: Promise<unknown>): Promise<{ value?: any; error?: any }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** The requests the platform received for a path, as their business fields (decrypted when sealed). */
const received = (path: string) => platform.requests.list().filter((r) => r.path.endsWith(path)).map((r) => JSON.parse(r.plaintext ?? r.body) as Record<string, unknown>);
const sentTimes = (path: string, field: string, value: string) => received(path).filter((body) => body[field] === value).length;
const paymentsSent = (transactionId: string) => sentTimes('/payment/no-hce', 'transactionId', transactionId);
const stateOf = (operation: string, key: string) => ledger.records.get(`${operation}#${key}`)?.state;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('paymentApprove', () => {
  it('pays once: the answer adds transactionId and outcome; the gateway-only par never reaches the platform; the ledger keeps no card number', async () => {
    const request = await payRequest('MP-PAY', 10_100);
    const answer = await pay(request, lambdaContext() as never);
    expect(answer).toMatchObject({ transactionId: 'MP-PAY', outcome: 'COMPLETED', cardNo: card().cardNo, balance: 989_900, nrNumber: expect.any(String) });
    expect(received('/payment/no-hce').find((body) => body.transactionId === 'MP-PAY')).not.toHaveProperty('par');
    const record = ledger.records.get('paymentApprove#MP-PAY')!;
    expect(record.state).toBe('DONE');
    expect(record.result).not.toContain(card().cardNo);
    expect(JSON.parse(record.facts!)).toEqual({ par: card().par, amount: 10_100, merchantId: MERCHANT, seenBefore: [] });
  });

  it('answers a repeated request from the ledger, in any key order, without paying twice (the card number to its last 4)', async () => {
    const request = await payRequest('MP-REPLAY', 10_200);
    const first = (await pay(request, lambdaContext() as never)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(request).reverse());
    const http = (await pay(httpEvent(paymentApprove.path, JSON.stringify(reordered)) as never, lambdaContext() as never)) as { statusCode: number; body: string };
    expect(http.statusCode).toBe(200);
    expect(JSON.parse(http.body)).toEqual({ ...first, cardNo: `************${card().cardNo.slice(-4)}` });
    expect(paymentsSent('MP-REPLAY')).toBe(1);
    expect(card().balance).toBe(1_000_000 - 10_200);
  });

  it('refuses a transactionId reused for another payment with a 409 naming it', async () => {
    const request = await payRequest('MP-REUSED', 10_300);
    await pay(request, lambdaContext() as never);
    const { error } = await outcome(pay({ ...request, amount: 10_400 }, lambdaContext() as never));
    expect(error.name).toBe('KonaplateConflict');
    expect(error.details).toMatchObject({ field: 'transactionId', transactionId: 'MP-REUSED' });
    expect(paymentsSent('MP-REUSED')).toBe(1);
  });

  it('learns a payment whose answer was lost after it happened from the card history: COMPLETED once, its nrNumber and approval code', async () => {
    platform.faults.schedule('paymentApprove', { type: 'drop', commit: true });
    const request = await payRequest('MP-LOST', 10_500);
    const { lines } = await logLines(async () => {
      const answer = await pay(request, lambdaContext(3000) as never);
      const booked = platform.state.cardPayments.payment('MP-LOST')!;
      expect(answer).toEqual({ transactionId: 'MP-LOST', outcome: 'COMPLETED', nrNumber: booked.nrNumber, approvalCode: booked.approvalCode, balance: card().balance });
    });
    expect(lines.some((line) => line.message === 'money request outcome unknown; asking the platform')).toBe(true);
    expect(paymentsSent('MP-LOST')).toBe(1);
    expect(stateOf('paymentApprove', 'MP-LOST')).toBe('DONE');
    expect(await pay(request, lambdaContext() as never)).toMatchObject({ outcome: 'COMPLETED' });
    expect(paymentsSent('MP-LOST')).toBe(1);
    expect(card().balance).toBe(1_000_000 - 10_500);
  });

  it('says "outcome unknown" for a payment lost before it happened, then "did not happen" once the settle time passed, never resending', async () => {
    platform.faults.schedule('paymentApprove', { type: 'drop', commit: false });
    const request = await payRequest('MP-NEVER', 10_600);
    const first = await outcome(pay(request, lambdaContext(2000) as never));
    expect(first.error.name).toBe('KonaplateOutcomeUnknown');
    expect(first.error.details.transactionId).toBe('MP-NEVER');
    expect(stateOf('paymentApprove', 'MP-NEVER')).toBe('UNKNOWN');
    await wait(SETTLE_MS + 50);
    const later = await outcome(pay(request, lambdaContext(2000) as never));
    expect(later.error.name).toBe('KonaplateRejected');
    expect(later.error.message).toMatch(/did not take effect: the platform has no record of it/);
    expect(platform.state.cardPayments.payment('MP-NEVER')).toBeUndefined();
    expect(paymentsSent('MP-NEVER')).toBe(1);
    expect(card().balance).toBe(1_000_000);
  });

  it('an earlier payment of the same amount on the card never passes for a lost one: it was there before the request was sent', async () => {
    await pay(await payRequest('MP-SAME-1', 10_700), lambdaContext() as never);
    platform.faults.schedule('paymentApprove', { type: 'drop', commit: false });
    const request = await payRequest('MP-SAME-2', 10_700);
    expect((await outcome(pay(request, lambdaContext(2000) as never))).error.name).toBe('KonaplateOutcomeUnknown');
    await wait(SETTLE_MS + 50);
    expect((await outcome(pay(request, lambdaContext(2000) as never))).error.message).toMatch(/did not take effect/);
    expect(JSON.parse(ledger.records.get('paymentApprove#MP-SAME-2')!.facts!).seenBefore).toEqual([platform.state.cardPayments.payment('MP-SAME-1')!.nrNumber]);
  });

  it('one open request per card and amount: a second payment of that amount waits (409, nothing sent) until the first can be settled, which it then settles', async () => {
    // Settling only after 4 s: the first stays unsettled while the second is tried.
    const patient = moneyHandler(paymentApprove, { ...deps, settleMs: () => 4000 });
    platform.faults.schedule('paymentApprove', { type: 'drop', commit: false });
    const first = await payRequest('MP-LOCK-1', 10_720);
    expect((await outcome(patient(first, lambdaContext(2000) as never))).error.name).toBe('KonaplateOutcomeUnknown');
    const second = await payRequest('MP-LOCK-2', 10_720);
    const refused = await outcome(patient(second, lambdaContext(2000) as never));
    expect([refused.error.name, refused.error.message]).toEqual(['KonaplateConflict', expect.stringContaining('an earlier paymentApprove of this card for the same amount (transactionId MP-LOCK-1) is not settled yet')]);
    expect(paymentsSent('MP-LOCK-2')).toBe(0);
    expect(stateOf('paymentApprove', 'MP-LOCK-2')).toBeUndefined();
    // Another amount is another lock.
    expect(await patient(await payRequest('MP-LOCK-3', 10_730), lambdaContext() as never)).toMatchObject({ outcome: 'COMPLETED' });
    // With the settle time passed, the second settles the first (it never happened), then pays.
    expect(await pay({ ...second, ...(await tokenFor()) }, lambdaContext(3000) as never)).toMatchObject({ outcome: 'COMPLETED', transactionId: 'MP-LOCK-2' });
    expect(stateOf('paymentApprove', 'MP-LOCK-1')).toBe('DONE');
    expect((await outcome(pay(first, lambdaContext() as never))).error.message).toMatch(/did not take effect/);
    expect(paymentsSent('MP-LOCK-1')).toBe(1);
    expect([...ledger.locks.values()].filter((holder) => holder.includes('MP-LOCK'))).toEqual([]);
  });

  it('never guesses: a second payment of the same amount on the card while the answer was lost (a terminal) leaves it UNKNOWN, even once settled', async () => {
    platform.faults.schedule('paymentApprove', { type: 'stall-after-headers', commit: true });
    const request = await payRequest('MP-TWIN', 10_750);
    const owner = platform.state.member(BigInt(MEMBER))!;
    const lost = outcome(pay(request, lambdaContext(2000) as never));
    await wait(200);
    // The same amount paid at a shop's terminal meanwhile: a second row the lost payment could be.
    expect(platform.state.cardPayments.payAtTerminal({ card: card(), userId: owner.userId, amount: 10_750, merchantId: '410894040073801', merchantName: '편의점' }, Date.now())).toMatchObject({ via: 'TERMINAL' });
    const first = await lost;
    expect(first.error.name).toBe('KonaplateOutcomeUnknown');
    expect(first.error.message).toMatch(/more than one transaction of the card could be it/);
    await wait(SETTLE_MS + 50);
    const { lines } = await logLines(() => pay(request, lambdaContext(2000) as never));
    expect(lines.filter((line) => line.message?.startsWith('history holds more than one row'))).toEqual([expect.objectContaining({ operation: 'paymentApprove', key: 'MP-TWIN', candidates: 2 })]);
    expect(stateOf('paymentApprove', 'MP-TWIN')).toBe('UNKNOWN');
    expect(paymentsSent('MP-TWIN')).toBe(1);
  });

  it('every broken answer after the payment happened, all at once: COMPLETED from the history, each sent once, ledger DONE', async () => {
    const faults = ANSWER_BREAKS.map((fault) => fault(true));
    for (const fault of faults) platform.faults.schedule('paymentApprove', fault);
    // Distinct amounts: each lost payment has exactly one row that can be it.
    const requests = await Promise.all(faults.map((fault, i) => payRequest(`MP-B-${fault.type}`, 20_000 + i * 100)));
    const answers = await Promise.all(requests.map((request) => outcome(pay(request, lambdaContext(2500) as never))));
    expect(answers.map((a) => a.value?.outcome ?? a.error?.name)).toEqual(faults.map(() => 'COMPLETED'));
    for (const request of requests) {
      expect(paymentsSent(request.transactionId)).toBe(1);
      expect(stateOf('paymentApprove', request.transactionId)).toBe('DONE');
      expect(platform.state.cardPayments.payment(request.transactionId)).toBeDefined();
    }
    const ours = new Set(requests.map((request) => request.transactionId));
    const faulted = platform.requests.list().filter((r) => r.path.endsWith('/payment/no-hce') && ours.has(String(JSON.parse(r.body).transactionId)));
    expect(faulted.map((r) => r.fault).sort()).toEqual(faults.map((f) => f.type).sort());
  });

  it('a transactionId the platform already holds (a lost ledger): found among this card\'s recent payments, it is that payment', async () => {
    const request = await payRequest('MP-KNOWN', 10_800);
    await pay(request, lambdaContext() as never);
    const forgetful = moneyHandler(paymentApprove, { ...deps, ledger: () => new MemoryLedger() });
    const again = { ...request, ...(await tokenFor()) };
    expect(await forgetful(again, lambdaContext(3000) as never)).toMatchObject({ outcome: 'COMPLETED', transactionId: 'MP-KNOWN' });
    expect(platform.requests.list().filter((r) => r.path.endsWith('/payment/no-hce') && r.body.includes('"MP-KNOWN"')).map((r) => r.code)).toEqual(['000_000', '006_101']);
    expect(card().balance).toBe(1_000_000 - 10_800);
  });

  it('a transactionId the platform holds from outside the searched window: the refusal stands (409), never "did not happen"', async () => {
    const owner = platform.state.member(BigInt(MEMBER))!;
    platform.state.cardPayments.recordPayment({ transactionId: 'MP-OLD', aspId: owner.aspId, userId: owner.userId, par: card().par, amount: 10_900, merchantId: MERCHANT }, card(), Date.now() - 3_600_000);
    const { error } = await outcome(pay(await payRequest('MP-OLD', 10_900), lambdaContext(3000) as never));
    expect(error.name).toBe('KonaplateConflict');
    expect(error.message).toMatch(/already known to the platform and was not found among this card's transactions/);
    expect(stateOf('paymentApprove', 'MP-OLD')).toBe('DONE');
  });

  it('a par the platform does not know: refused (400 naming par) before anything is sent, since a lost answer could not be checked', async () => {
    const request = { ...(await payRequest('MP-BADPAR', 11_000)), par: 'V001AAAAAAAAAAAAAAAAAAAAAAA' };
    const { error } = await outcome(pay(request, lambdaContext(2000) as never));
    expect([error.name, error.details.field, error.details.platformCode]).toEqual(['KonaplateInvalidRequest', 'par', '003_021']);
    expect(paymentsSent('MP-BADPAR')).toBe(0);
    expect(stateOf('paymentApprove', 'MP-BADPAR')).toBeUndefined();
  });
});

describe('paymentCancel', () => {
  async function paid(transactionId: string, amount: number): Promise<string> {
    return ((await pay(await payRequest(transactionId, amount), lambdaContext() as never)) as { nrNumber: string }).nrNumber;
  }

  it('cancels once, keyed by the payment\'s nrNumber; sealed, without the par; a second cancel is answered from the ledger', async () => {
    const nrNumber = await paid('MC-PAY', 12_100);
    const request = cancelRequest(nrNumber, 12_100);
    expect(await cancel(request, lambdaContext() as never)).toEqual({ nrNumber, outcome: 'COMPLETED' });
    expect(await cancel(request, lambdaContext() as never)).toEqual({ nrNumber, outcome: 'COMPLETED' });
    const sent = platform.requests.list().filter((r) => r.path.endsWith('/payment/cancel/no-hce') && r.plaintext?.includes(nrNumber));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.plaintext!)).not.toHaveProperty('par');
    expect(card().balance).toBe(1_000_000);
    const { error } = await outcome(cancel({ ...request, amount: 1 }, lambdaContext() as never));
    expect([error.name, error.details.field]).toEqual(['KonaplateConflict', 'nrNumber']);
  });

  it('learns a cancel whose answer was lost after it happened from the history (00 CANCEL); lost before, "did not happen" once settled', async () => {
    const happened = await paid('MC-LOST', 12_200);
    platform.faults.schedule('paymentCancel', { type: 'reset-mid-body', commit: true });
    expect(await cancel(cancelRequest(happened, 12_200), lambdaContext(3000) as never)).toEqual({ nrNumber: happened, outcome: 'COMPLETED' });
    const never = await paid('MC-NEVER', 12_300);
    platform.faults.schedule('paymentCancel', { type: 'drop', commit: false });
    expect((await outcome(cancel(cancelRequest(never, 12_300), lambdaContext(2000) as never))).error.name).toBe('KonaplateOutcomeUnknown');
    await wait(SETTLE_MS + 50);
    expect((await outcome(cancel(cancelRequest(never, 12_300), lambdaContext(2000) as never))).error.message).toMatch(/did not take effect/);
    expect(platform.state.cardPayments.paymentByNrNumber(never)?.cancel).toBeUndefined();
    expect(card().balance).toBe(1_000_000 - 12_300);
  });
});

describe('cardBalanceRefund', () => {
  it('refunds once; a refund lost after it happened is learned from the history (02) with its nrNumber; the account is credited once', async () => {
    card().balance = 30_000;
    const credited = platform.state.cardPayments.creditedTo(BigInt(MEMBER));
    platform.faults.schedule('cardBalanceRefund', { type: 'stall-after-headers', commit: true });
    const request = await refundRequest('MR-LOST');
    const answer = await refund(request, lambdaContext(3000) as never);
    expect(answer).toEqual({ sequenceId: 'MR-LOST', outcome: 'COMPLETED', nrNumber: platform.state.cardPayments.refund('MR-LOST')!.nrNumber });
    expect(await refund(request, lambdaContext() as never)).toEqual(answer);
    expect(card().balance).toBe(0);
    expect(platform.state.cardPayments.creditedTo(BigInt(MEMBER)) - credited).toBe(30_000);
    expect(sentTimes('/refund/card', 'sequenceId', 'MR-LOST')).toBe(1);
    expect(received('/refund/card').every((body) => !('par' in body))).toBe(true);
  });

  it('a refund lost before it happened (an earlier refund of the card in the window): "outcome unknown", then "did not happen" once settled', async () => {
    card().balance = 40_000;
    platform.faults.schedule('cardBalanceRefund', { type: 'not-json', commit: false });
    const request = await refundRequest('MR-NEVER');
    expect((await outcome(refund(request, lambdaContext(2000) as never))).error.details.sequenceId).toBe('MR-NEVER');
    await wait(SETTLE_MS + 50);
    expect((await outcome(refund(request, lambdaContext(2000) as never))).error.message).toMatch(/did not take effect/);
    expect(card().balance).toBe(40_000);
    expect(platform.state.cardPayments.refund('MR-NEVER')).toBeUndefined();
  });
});
