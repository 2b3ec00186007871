/**
 * The ledger sweeper against the sandbox and a local DynamoDB: callers that never come back after
 * faults (answers lost before or after the effect, learning that fails, pending charges, containers
 * that die before storing an outcome) leave charges, cancels, payments, payment cancels and refunds
 * open; one sweep settles every one of them with what the platform says, hands each settlement on
 * once as the contract's event through lib/events (the receiver's hand-off: the events table in
 * dynalite, the local EventBridge and SQS), and leaves 0 open and every balance exact. A pending
 * charge the platform called back about and a sweep then settled is one event on the bus, whichever
 * came first. A record open for more than a day is counted for the alarm.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueOneTimeToken } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { DynamoLedger } from '../../lib/money/dynamodb-ledger';
import { MemoryLedger, type Ledger } from '../../lib/money/ledger';
import { stringifyJson } from '../../lib/protocol/json';
import type { PlatformEvent } from '../../lib/events';
import { sweeperHandler } from '../../lib/reconciler/handler';
import type { Member } from '../../sandbox/books/records';
import type { AnswerFault } from '../../sandbox/platform/faults/kinds';
import { generateSandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { BUS, QUEUE, startReceiverHarness, type ReceiverHarness } from '../support/callback-receiver';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';
import { lambdaContext } from '../support/lambda-context';
import { moneyHandlers } from '../support/money-gateway';
import { memberWithAccount } from '../support/sandbox-members';
import { logLines } from '../support/log-lines';

jest.setTimeout(60_000);

const SETTLE_MS = 400;
const MERCHANT = '410195430033901';
let platform: PlatformHandle;
let dynamo: LocalDynamo;
let harness: ReceiverHarness;
let callbackUrl: string;
let ledger: DynamoLedger;
let store: CredentialStore;
/** Records whose container "dies" right before it stores the outcome (the platform did it; the ledger never hears). */
const dying = new Set<string>();
let token: ReturnType<typeof gatewayHandler>;
let money: ReturnType<typeof moneyHandlers>;

/** A ledger whose container dies between the platform's answer and storing it, for the records named. */
function mortal(inner: Ledger): Ledger {
  return new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'finish' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (id: string, ...rest: unknown[]) => {
        if (dying.delete(id)) throw new Error(`container died before storing ${id}`);
        return (value as (...args: unknown[]) => Promise<void>).call(target, id, ...rest);
      };
    },
  });
}

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  harness = await startReceiverHarness(credentials);
  callbackUrl = await harness.serve();
  // Callbacks off until a test turns them on: the sweep alone must settle what callers left open.
  platform = await startPlatform({ project: credentials.project });
  platform.state.payments.pendingDelayMs = 300;
  dynamo = await startLocalDynamo('sweeper-test');
  ledger = new DynamoLedger(dynamo.table, dynamo.client);
  store = new CredentialStore({ secretId: 'sweeper', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  // No lease margin: a container that died is past its lease as soon as its deadline is.
  const deps = { store: () => store, baseUrl: () => platform.url, ledger: () => mortal(ledger), settleMs: () => SETTLE_MS, leaseMarginMs: 0 };
  money = moneyHandlers(deps);
  token = gatewayHandler(issueOneTimeToken, deps);
});
afterAll(async () => {
  await Promise.all([platform?.close(), dynamo?.close()]);
  await harness?.close();
});
beforeEach(() => {
  harness.eventBridge.clear();
  harness.sqs.clear();
});

/** What reached the stage's bus, in order. */
const onBus = () => harness.eventBridge.events(BUS).map((event) => ({ source: event.Source, detailType: event.DetailType, detail: event.Detail as PlatformEvent }));
const sweeperWith = (ledgerOf: () => Ledger, settleMs: number) =>
  sweeperHandler({ ledger: ledgerOf, store: () => store, baseUrl: () => platform.url, settleMs: () => settleMs, events: () => harness.handOff });

async function tokenOf(member: Member) {
  const { oneTimeToken, dcvv } = (await token({ cardNo: member.cards[0]!.cardNo }, lambdaContext() as never)) as { oneTimeToken: string; dcvv: string };
  return { oneTimeToken, dcvv };
}

/** A caller that calls once and never comes back, whatever it was told. */
async function once(handler: ReturnType<typeof gatewayHandler>, request: Record<string, unknown>, fault?: [string, AnswerFault], remainingMs = 1500): Promise<unknown> {
  if (fault) platform.faults.schedule(fault[0], fault[1]);
  try {
    return await handler(request as never, lambdaContext(remainingMs) as never);
  } catch (error) {
    return error;
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openRecords(store: Ledger = ledger): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of store.listOpen()) ids.push(record.id);
  return ids;
}

it('settles every record callers left open after faults in one sweep: events once each, 0 open, every balance exact', async () => {
  const members = [1, 2, 3].map((n) => memberWithAccount(platform, `sweep${n}`, `2002${String(n).padStart(8, '0')}`));
  const expected: Array<[string, string]> = [];
  for (const [n, member] of members.entries()) {
    const card = member.cards[0]!;
    const userId = Number(member.userId);
    const charge = (sequenceId: string, amount: number) => ({ sequenceId, userId, amount, merchantId: MERCHANT });
    // A charge the caller saw through, to spend from.
    const seeded = (await money.charge({ ...charge(`SW${n}-SEED`, 30_000), ...(await tokenOf(member)) }, lambdaContext() as never)) as { nrNumber: string };

    // Charges: lost before it happened; happened but every inquiry failed; pending.
    await once(money.charge, { ...charge(`SW${n}-CH-NEVER`, 1_100), ...(await tokenOf(member)) }, ['chargeByBankAccount', { type: 'drop', commit: false }]);
    expected.push([`charge.settled#chargeByBankAccount#SW${n}-CH-NEVER#FAILED`, 'FAILED']);
    for (let i = 0; i < 30; i += 1) platform.faults.schedule('chargeResultInquiry', { type: 'status', status: 503, commit: false });
    await once(money.charge, { ...charge(`SW${n}-CH-BLIND`, 1_200), ...(await tokenOf(member)) }, ['chargeByBankAccount', { type: 'reset-after-headers', commit: true }]);
    platform.faults.clear();
    expected.push([`charge.settled#chargeByBankAccount#SW${n}-CH-BLIND#COMPLETED`, 'COMPLETED']);
    await once(money.charge, { ...charge(`SW${n}-CH-PENDING`, 1_300), ...(await tokenOf(member)) }, ['chargeByBankAccount', { type: 'pending', then: 'COMPLETED' }]);
    expected.push([`charge.settled#chargeByBankAccount#SW${n}-CH-PENDING#COMPLETED`, 'COMPLETED']);
    // A charge cancel lost before it happened.
    await once(money.cancel, { sequenceId: `SW${n}-CC-NEVER`, userId, nrNumber: seeded.nrNumber, ...(await tokenOf(member)), cardExpiry: card.expiryDate.slice(0, 4) }, ['cancelChargeByBankAccount', { type: 'status', status: 503, commit: false }]);
    expected.push([`charge.settled#cancelChargeByBankAccount#SW${n}-CC-NEVER#FAILED`, 'FAILED']);

    // Payments: one whose container died after the platform approved it; one lost before it happened.
    const pay = (transactionId: string, amount: number) => ({ transactionId, amount, merchantId: MERCHANT, channel: 'OPENAPI', par: card.par });
    dying.add(`paymentApprove#SW${n}-PY-DIED`);
    await once(money.payment, { ...pay(`SW${n}-PY-DIED`, 2_100), ...(await tokenOf(member)) });
    const died = platform.state.cardPayments.payment(`SW${n}-PY-DIED`)!;
    expected.push([`payment.approved#${died.nrNumber}`, 'COMPLETED']);
    await once(money.payment, { ...pay(`SW${n}-PY-NEVER`, 2_200), ...(await tokenOf(member)) }, ['paymentApprove', { type: 'drop', commit: false }]);
    // A payment the caller saw, whose cancel's container died after the platform cancelled it.
    const paid = (await money.payment({ ...pay(`SW${n}-PY-SEEN`, 2_300), ...(await tokenOf(member)) }, lambdaContext() as never)) as { nrNumber: string };
    dying.add(`paymentCancel#${paid.nrNumber}`);
    await once(money.paymentCancel, { cardNo: card.cardNo, amount: 2_300, nrNumber: paid.nrNumber, merchantId: MERCHANT, channel: 'OPENAPI', par: card.par });
    expected.push([`payment.cancelled#${paid.nrNumber}`, 'COMPLETED']);

    // Refunds: the first lost before it happened, the second's container died after the money moved.
    const refund = (sequenceId: string) => ({ sequenceId, userId, cardExpiry: card.expiryDate.slice(0, 4), par: card.par });
    await once(money.refund, { ...refund(`SW${n}-RF-NEVER`), ...(await tokenOf(member)) }, ['cardBalanceRefund', { type: 'chunked-cut', commit: false }]);
    expected.push([`refund.settled#SW${n}-RF-NEVER#FAILED`, 'FAILED']);
    await wait(SETTLE_MS);
    dying.add(`cardBalanceRefund#SW${n}-RF-DIED`);
    // The earlier refund holds the card's refund lock until it is settled: this one settles it first, then goes.
    await once(money.refund, { ...refund(`SW${n}-RF-DIED`), ...(await tokenOf(member)) }, undefined, 3000);
    expected.push([`refund.settled#SW${n}-RF-DIED#COMPLETED`, 'COMPLETED']);
  }
  // The earlier refunds were settled by the later ones (their callers' successors), not by the sweep: their events are not the sweep's.
  const settledBeforeSweep = expected.filter(([key]) => key.includes('-RF-NEVER'));
  platform.faults.clear();
  expect(dying.size).toBe(0);
  expect((await openRecords()).length).toBe(members.length * 8);

  // Callers never come back: the settle time, the pending charges' time and the dead containers' leases (3 s calls) pass, then one sweep.
  await wait(3000);
  const sweeper = sweeperWith(() => ledger, SETTLE_MS);
  let report: unknown;
  const { raw } = await logLines(async () => {
    report = await sweeper({}, lambdaContext(60_000) as never);
  });
  expect(report).toEqual({ open: members.length * 8, settled: members.length * 8, events: members.length * 7, stillOpen: 0, openOverADay: 0, errors: 0 });
  expect(await openRecords()).toEqual([]);

  // One event per settlement (a payment that never happened is none), in the contract's shape.
  const published = onBus();
  const details = published.map((entry) => entry.detail);
  const wanted = expected.filter(([key]) => !settledBeforeSweep.some(([other]) => other === key));
  expect(details.map((d) => d.eventKey).sort()).toEqual(wanted.map(([key]) => key).sort());
  for (const { source, detailType, detail } of published) {
    expect([source, detailType]).toEqual(['konaplate.gateway', detail.kind]);
    expect(detail).toMatchObject({ origin: 'reconciler', designed: true, occurredAt: expect.any(String), receivedAt: expect.any(String) });
    expect(Date.parse(detail.occurredAt)).toBeLessThanOrEqual(Date.parse(detail.receivedAt) + 1000);
  }
  // Each recorded once in the events table, as the receiver records what it hands on.
  for (const detail of details) expect((await harness.records.get(detail.eventKey))?.state).toBe('PUBLISHED');
  const approved = details.find((d) => d.kind === 'payment.approved')!;
  expect(approved.data).toEqual({ transactionId: expect.stringMatching(/-PY-DIED$/), nrNumber: expect.any(String), approvalCode: expect.any(String), amount: 2_100, merchantId: MERCHANT });
  expect(details.find((d) => d.kind === 'payment.cancelled')!.data).toEqual({ originalNrNumber: expect.any(String), amount: 2_300, merchantId: MERCHANT });
  expect(details.find((d) => d.kind === 'refund.settled')!.data).toEqual({ sequenceId: expect.stringMatching(/-RF-DIED$/), outcome: 'COMPLETED', amount: expect.any(Number), userId: expect.stringMatching(/^\d+$/) });
  expect(details.find((d) => d.eventKey.endsWith('CH-PENDING#COMPLETED'))!.data).toMatchObject({ operation: 'chargeByBankAccount', outcome: 'COMPLETED', amount: 1_300 });
  // The metrics line says what the sweep did, and that nothing has been open for a day.
  const metrics = raw.split('\n').filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(metrics.at(-1)).toMatchObject({ operation: 'ledgerSweeper', OpenMoneyRecords: members.length * 8, SweptRecords: members.length * 8, OpenMoneyRecordsOverADay: 0 });

  // Every record agrees with the platform's books, and every card holds exactly what they say.
  const charges = platform.state.payments;
  const cards = platform.state.cardPayments;
  charges.settleDue(Date.now());
  for (const member of members) {
    const card = member.cards[0]!;
    const expectedBalance = charges.entries().filter((e) => e.par === card.par && e.result === 'COMPLETED').reduce((sum, e) => sum + (e.type === 'charge' ? e.amount : -e.amount), 0)
      - cards.payments().filter((p) => p.par === card.par && !p.cancel).reduce((sum, p) => sum + p.amount, 0)
      - cards.refunds().filter((r) => r.par === card.par).reduce((sum, r) => sum + r.amount, 0);
    expect([member.loginId, card.balance]).toEqual([member.loginId, expectedBalance]);
    expect(cards.creditedTo(member.userId)).toBe(cards.refunds().filter((r) => r.userId === member.userId).reduce((sum, r) => sum + r.amount, 0));
  }
  for (const [n] of members.entries()) {
    const answer = async (id: string) => JSON.parse((await ledger.read(id))!.result!) as { ok: boolean };
    expect((await answer(`chargeByBankAccount#SW${n}-CH-BLIND`)).ok).toBe(charges.entry(`SW${n}-CH-BLIND`)?.result === 'COMPLETED');
    expect((await answer(`chargeByBankAccount#SW${n}-CH-NEVER`)).ok).toBe(false);
    expect((await answer(`paymentApprove#SW${n}-PY-NEVER`)).ok).toBe(false);
    expect(cards.payment(`SW${n}-PY-NEVER`)).toBeUndefined();
    expect((await answer(`paymentApprove#SW${n}-PY-DIED`)).ok).toBe(true);
    expect((await answer(`cardBalanceRefund#SW${n}-RF-DIED`)).ok).toBe(true);
    expect(cards.refund(`SW${n}-RF-NEVER`)).toBeUndefined();
  }

  // A second sweep finds nothing to do and hands on nothing again.
  const again = await sweeper({}, lambdaContext(60_000) as never);
  expect(again).toEqual({ open: 0, settled: 0, events: 0, stillOpen: 0, openOverADay: 0, errors: 0 });
  expect(onBus()).toHaveLength(wanted.length);
});

it('leaves alone what it must not settle yet, counts what has been open for more than a day, and keeps a record open when its event cannot be handed on', async () => {
  const memory = new MemoryLedger();
  const member = memberWithAccount(platform, 'sweep9', '200200000009');
  const now = Date.now();
  // Held by a live container (its lease runs), claimed two days ago: open, counted for the alarm.
  await memory.claim({ id: 'chargeByBankAccount#HELD', requestHash: 'h', owner: 'live', leaseUntil: now + 600_000, createdAt: now - 2 * 86_400_000 });
  // Sent a moment ago: its caller may still be on its way, and the platform's silence proves nothing yet.
  await memory.claim({ id: 'chargeByBankAccount#FRESH', requestHash: 'h', owner: 'gone', leaseUntil: now - 1 });
  await memory.markSent('chargeByBankAccount#FRESH', 'gone', now);
  // Never sent, its container gone: it never left, so it did not happen; but the bus refuses its event
  // and the failure queue cannot be reached either (lib/events hand-off fails).
  await memory.claim({ id: 'cardBalanceRefund#UNSENT', requestHash: 'h', owner: 'gone', leaseUntil: now - 1, facts: stringifyJson({ userId: Number(member.userId), par: member.cards[0]!.par }) });
  harness.eventBridge.failNext(1, 'entries');
  harness.sqs.failNext(1);
  const sweeper = sweeperWith(() => memory, 60_000);
  let report: unknown;
  const { raw } = await logLines(async () => {
    report = await sweeper({}, lambdaContext(30_000) as never);
  });
  expect(report).toEqual({ open: 3, settled: 0, events: 0, stillOpen: 3, openOverADay: 1, errors: 1 });
  const lines = raw.split('\n').filter((line) => line.startsWith('{"level"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines.filter((line) => line.message === 'money record open for more than a day')).toEqual([
    expect.objectContaining({ level: 'WARN', operation: 'ledgerSweeper', id: 'chargeByBankAccount#HELD', state: 'IN_FLIGHT', ageHours: 48 }),
  ]);
  expect(JSON.parse(raw.split('\n').filter((line) => line.includes('"_aws"')).at(-1)!)).toMatchObject({ OpenMoneyRecordsOverADay: 1, SweepErrors: 1 });
  expect(await openRecords(memory)).toEqual(['chargeByBankAccount#HELD', 'chargeByBankAccount#FRESH', 'cardBalanceRefund#UNSENT']);
  expect([onBus(), harness.sqs.messages(QUEUE)]).toEqual([[], []]);
  // The failed hand-off gave its claim up: the next sweep, after the record's lease, settles it and hands its event on once.
  memory.records.get('cardBalanceRefund#UNSENT')!.leaseUntil = Date.now() - 1;
  expect(await sweeper({}, lambdaContext(30_000) as never)).toMatchObject({ settled: 1, events: 1, stillOpen: 2, openOverADay: 1 });
  expect(onBus().map(({ detail }) => detail.eventKey)).toEqual(['refund.settled#UNSENT#FAILED']);
});

describe('a pending charge the platform calls back about and a sweep settles: one event on the bus', () => {
  const FAST_RETRIES = { retryDelaysMs: [50, 100, 200], tickMs: 25, attemptTimeoutMs: 3000 };
  afterEach(async () => {
    await platform.callbacks.idle();
    platform.callbacks.configure({ url: undefined });
    platform.callbacks.clearDeliveries();
  });

  /** A charge through the gateway answered pending; its caller leaves it PENDING in the ledger. */
  async function pendingCharge(member: Member, sequenceId: string, amount: number): Promise<void> {
    const answer = await once(money.charge, { sequenceId, userId: Number(member.userId), amount, merchantId: MERCHANT, ...(await tokenOf(member)) }, ['chargeByBankAccount', { type: 'pending', then: 'COMPLETED' }]);
    expect(answer).toMatchObject({ isPending: true });
  }

  const chargeEvents = (sequenceId: string) => onBus().filter(({ detail }) => detail.kind === 'charge.settled' && detail.eventKey.includes(`#${sequenceId}#`));

  it('the callback first: the sweep settles the record and hands on nothing more', async () => {
    const member = memberWithAccount(platform, 'sweepcb1', '200200000021');
    platform.callbacks.configure({ url: callbackUrl, duplicates: 'none', encryption: 'catalog', ...FAST_RETRIES });
    await pendingCharge(member, 'SWCB-1', 1_400);
    // The sandbox settles it (300 ms) and calls back; the receiver puts it on the bus.
    for (let i = 0; i < 200 && chargeEvents('SWCB-1').length === 0; i += 1) await wait(25);
    await platform.callbacks.idle();
    expect(chargeEvents('SWCB-1').map(({ detail }) => [detail.eventKey, detail.origin])).toEqual([['charge.settled#chargeByBankAccount#SWCB-1#COMPLETED', 'callback']]);
    expect(await openRecords()).toEqual(['chargeByBankAccount#SWCB-1']);

    await wait(SETTLE_MS);
    const report = await sweeperWith(() => ledger, SETTLE_MS)({}, lambdaContext(30_000) as never);
    // Settled, but its event was already on the bus: not handed on again, not counted as the sweep's.
    expect(report).toEqual({ open: 1, settled: 1, events: 0, stillOpen: 0, openOverADay: 0, errors: 0 });
    expect(await openRecords()).toEqual([]);
    expect(chargeEvents('SWCB-1')).toHaveLength(1);
    expect(JSON.parse((await ledger.read('chargeByBankAccount#SWCB-1'))!.result!)).toMatchObject({ ok: true });
  });

  it('a payment whose container died after the platform approved it: called back, then swept, one payment.approved', async () => {
    const member = memberWithAccount(platform, 'sweepcb3', '200200000023');
    await money.charge({ sequenceId: 'SWCB-3-SEED', userId: Number(member.userId), amount: 5_000, merchantId: MERCHANT, ...(await tokenOf(member)) }, lambdaContext() as never);
    platform.callbacks.configure({ url: callbackUrl, duplicates: 'none', encryption: 'catalog', ...FAST_RETRIES });
    dying.add('paymentApprove#SWCB-3-PY');
    await once(money.payment, { transactionId: 'SWCB-3-PY', amount: 2_000, merchantId: MERCHANT, channel: 'OPENAPI', par: member.cards[0]!.par, ...(await tokenOf(member)) });
    const key = `payment.approved#${platform.state.cardPayments.payment('SWCB-3-PY')!.nrNumber}`;
    const ofPayment = () => onBus().filter(({ detail }) => detail.eventKey === key);
    for (let i = 0; i < 200 && ofPayment().length === 0; i += 1) await wait(25);
    await platform.callbacks.idle();
    expect(ofPayment().map(({ detail }) => detail.origin)).toEqual(['callback']);
    expect(await openRecords()).toEqual(['paymentApprove#SWCB-3-PY']);

    // The dead container's lease (its 1.5 s) and the settle time pass; the sweep learns it from the card history.
    await wait(1500 + SETTLE_MS);
    const report = await sweeperWith(() => ledger, SETTLE_MS)({}, lambdaContext(30_000) as never);
    expect(report).toEqual({ open: 1, settled: 1, events: 0, stillOpen: 0, openOverADay: 0, errors: 0 });
    expect(JSON.parse((await ledger.read('paymentApprove#SWCB-3-PY'))!.result!)).toMatchObject({ ok: true });
    expect(ofPayment()).toHaveLength(1);
  });

  it('the sweep first: the callback that comes after is answered 200 and adds nothing to the bus', async () => {
    const member = memberWithAccount(platform, 'sweepcb2', '200200000022');
    // The receiver answers 503 while the sweep runs (a deploy, say): the sandbox retries later.
    let receiverUp = false;
    const gate = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (!receiverUp) return void res.writeHead(503).end();
        const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
        harness.post(Buffer.concat(chunks), headers).then((answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(JSON.stringify(answer.body));
        }, () => void res.writeHead(502).end());
      });
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    try {
      platform.callbacks.configure({
        url: `http://127.0.0.1:${(gate.address() as AddressInfo).port}/callbacks/konaplate`, duplicates: 'none', encryption: 'catalog', ...FAST_RETRIES, retryDelaysMs: [1500],
      });
      await pendingCharge(member, 'SWCB-2', 1_500);
      await wait(SETTLE_MS + 300);
      const report = await sweeperWith(() => ledger, SETTLE_MS)({}, lambdaContext(30_000) as never);
      expect(report).toMatchObject({ settled: 1, events: 1, stillOpen: 0, errors: 0 });
      expect(chargeEvents('SWCB-2').map(({ detail }) => [detail.eventKey, detail.origin])).toEqual([['charge.settled#chargeByBankAccount#SWCB-2#COMPLETED', 'reconciler']]);
      receiverUp = true;
      await platform.callbacks.idle();
      const settledCallbacks = platform.callbacks.deliveries().filter((d) => d.eventType === 'CHARGE_SETTLED');
      expect(settledCallbacks.map((d) => [d.outcome, d.attempts.map((a) => a.status)])).toEqual([['delivered', [503, 200]]]);
      expect(chargeEvents('SWCB-2')).toHaveLength(1);
    } finally {
      gate.closeAllConnections();
      await new Promise((resolve) => gate.close(resolve));
    }
  });
});
