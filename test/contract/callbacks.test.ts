/**
 * The platform calls back, end to end in process: the sandbox's sender (its own HMAC and jose JWE)
 * → over HTTP → the callback receiver (real SDK to dynalite, the local EventBridge and SQS) → the
 * stage bus. A pending charge that settles is one `charge.settled` on the bus even when the sandbox
 * sends it twice (one after the other, or at once); terminal payments, their cancels and delivered
 * cards arrive as their kinds; a sandbox whose clock runs 6 minutes late reaches nothing; a
 * receiver that fails at first is retried until it answers 200; a bus that refuses sends the event
 * to the failure queue.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventKind } from '../../lib/events/types';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { startPlatform } from '../../sandbox/platform/server';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { call } from '../sandbox/support/kona-client';
import { BUS, QUEUE, startReceiverHarness, type ReceiverHarness } from '../support/callback-receiver';

const HONG = 50000104652;
const MERCHANT = '410195430033901';
const FAST_RETRIES = { retryDelaysMs: [50, 100, 200, 400], tickMs: 25, attemptTimeoutMs: 3000 };

let credentials: SandboxCredentials;
let harness: ReceiverHarness;
let receiverUrl: string;
let platform: PlatformHandle;

beforeAll(async () => {
  credentials = await generateSandboxCredentials();
  harness = await startReceiverHarness(credentials);
  receiverUrl = await harness.serve();
  platform = await startPlatform({ project: credentials.project, callbacks: { url: receiverUrl, ...FAST_RETRIES } });
});
afterAll(async () => {
  await platform?.close();
  await harness?.close();
});
// No platform reset between tests: it rewinds the nrNumber counter, and the receiver's events
// table would take a reused nrNumber for an event it already handed on (as it should).
beforeEach(async () => {
  await platform.callbacks.idle();
  platform.callbacks.clearDeliveries();
  platform.callbacks.configure({ url: receiverUrl, duplicates: 'none', encryption: 'catalog', ...FAST_RETRIES });
  platform.state.payments.pendingDelayMs = 300;
  harness.eventBridge.clear();
  harness.sqs.clear();
});

const details = () => harness.eventBridge.events(BUS).map((event) => event.Detail as { eventKey: string; kind: EventKind; origin: string; data: Record<string, unknown> });
const kinds = () => details().map((detail) => detail.kind).sort();

/** Waits until the sandbox has nothing left to send and `ready` holds (the ticker settles charges on its own). */
async function settled(ready: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await platform.callbacks.idle();
    if (ready() || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let sequence = 0;

/** A charge through the platform's own API (the independent test client): 5005 is answered pending and completes 300 ms later. */
async function pendingCharge(amount = 5005): Promise<string> {
  const card = platform.state.member(BigInt(HONG))!.cards[0]!;
  const identity = credentials.clientSecret;
  const token = await call(platform.url, identity, '/api/v2/payment/generate/onetimetoken', { cardNo: card.cardNo }, { encrypt: true });
  const { oneTimeToken, dcvv } = token.json as unknown as { oneTimeToken: string; dcvv: string };
  const sequenceId = `CBK${Date.now()}${++sequence}`;
  const answer = await call(platform.url, identity, '/api/v1/recharges/by-bank-accounts/no-hce', { sequenceId, userId: HONG, amount, oneTimeToken, dcvv, merchantId: MERCHANT });
  expect([answer.status, answer.json.isPending]).toEqual([200, true]);
  return sequenceId;
}

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const answer = await fetch(`${platform.url.replace('/open-api', '')}${path}`, {
    method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, json: await answer.json() };
}

describe('a pending charge that settles', () => {
  it.each(['none', 'sequential', 'concurrent'] as const)('is one charge.settled on the bus (duplicates: %s), with the balance it moved', async (duplicates) => {
    await control('PUT', '/__sandbox/callbacks', { duplicates });
    const sequenceId = await pendingCharge();
    await settled(() => details().length >= 2 && platform.callbacks.deliveries().every((d) => d.outcome !== 'sending'));
    expect(kinds()).toEqual(['balance.changed', 'charge.settled']);
    const charge = details().find((detail) => detail.kind === 'charge.settled')!;
    expect(charge).toMatchObject({
      eventKey: `charge.settled#chargeByBankAccount#${sequenceId}#COMPLETED`, origin: 'callback',
      data: { operation: 'chargeByBankAccount', sequenceId, outcome: 'COMPLETED', amount: 5005, userId: String(HONG) },
    });
    expect(details().find((detail) => detail.kind === 'balance.changed')!.data).toMatchObject({ userId: String(HONG), balance: platform.state.member(BigInt(HONG))!.cards[0]!.balance });
    // The sandbox did send everything twice, and every delivery ended 200.
    const deliveries = platform.callbacks.deliveries();
    expect(deliveries).toHaveLength(duplicates === 'none' ? 2 : 4);
    expect(deliveries.every((delivery) => delivery.outcome === 'delivered')).toBe(true);
    expect(deliveries.filter((delivery) => delivery.eventType === 'BALANCE_CHANGED').every((delivery) => delivery.encrypted)).toBe(true);
    expect(deliveries.filter((delivery) => delivery.eventType === 'CHARGE_SETTLED').every((delivery) => !delivery.encrypted)).toBe(true);
  });

  it('that fails is charge.settled FAILED with its code, and no balance moved', async () => {
    const sequenceId = await pendingCharge(5004);
    await settled(() => details().length >= 1);
    expect(details()).toEqual([expect.objectContaining({
      eventKey: `charge.settled#chargeByBankAccount#${sequenceId}#FAILED`,
      data: expect.objectContaining({ outcome: 'FAILED', failureCode: '007_004' }),
    })]);
  });
});

describe('terminal payments and deliveries', () => {
  it('a payment at a terminal and its cancel: payment.approved, payment.cancelled, each with balance.changed; encrypted or in clear alike', async () => {
    for (const encryption of ['catalog', 'none'] as const) {
      harness.eventBridge.clear();
      platform.callbacks.clearDeliveries();
      await control('PUT', '/__sandbox/callbacks', { encryption });
      const card = platform.state.member(BigInt(HONG))!.cards[0]!;
      const before = card.balance;
      const paid = await control('POST', '/__sandbox/terminal-payments', { userId: HONG, amount: 1200, merchantId: MERCHANT, merchantName: '편의점' });
      expect([paid.status, paid.json.balanceAfter]).toEqual([201, before - 1200]);
      const cancelled = await control('POST', `/__sandbox/terminal-payments/${paid.json.nrNumber as string}/cancel`);
      expect([cancelled.status, cancelled.json.balanceAfter]).toEqual([201, before]);
      await settled(() => details().length >= 4);
      expect(kinds()).toEqual(['balance.changed', 'balance.changed', 'payment.approved', 'payment.cancelled']);
      expect(details().find((detail) => detail.kind === 'payment.approved')).toMatchObject({
        eventKey: `payment.approved#${paid.json.nrNumber as string}`,
        data: { nrNumber: paid.json.nrNumber, amount: 1200, merchantId: MERCHANT, merchantName: '편의점', userId: String(HONG), par: card.par },
      });
      expect(details().find((detail) => detail.kind === 'payment.cancelled')).toMatchObject({
        eventKey: `payment.cancelled#${cancelled.json.nrNumber as string}`,
        data: { nrNumber: cancelled.json.nrNumber, originalNrNumber: paid.json.nrNumber, amount: 1200 },
      });
      expect(platform.callbacks.deliveries().filter((d) => d.eventType.startsWith('PAYMENT')).every((d) => d.encrypted === (encryption === 'catalog'))).toBe(true);
    }
  });

  it('a delivered card: card.delivered with the card number only as its last 4', async () => {
    const card = platform.state.member(BigInt(HONG))!.cards[0]!;
    const application = platform.state.cardApplications.create({
      userId: BigInt(HONG), issueType: 'ISSUE', serviceId: card.serviceId, fee: 0, mobileCardPar: card.par,
      delivery: { address: '서울시 중구 세종대로 110', addressDetail: '1층', zipCode: '04524' },
    }, card.expiryDate);
    const delivered = await control('POST', `/__sandbox/card-applications/${application.cardApplyNo}/delivery`);
    expect(delivered).toEqual({ status: 200, json: { cardApplyNo: application.cardApplyNo, deliveryStatus: 'ARRIVAL' } });
    await settled(() => details().length >= 1);
    expect(details()).toEqual([expect.objectContaining({
      kind: 'card.delivered', eventKey: `card.delivered#${application.cardApplyNo}`,
      data: { userId: String(HONG), cardApplicationId: application.cardApplyNo, par: card.par, physicalCardLast4: application.physicalCardNo!.slice(-4) },
    })]);
    // Seen once: later ticks do not send it again.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(platform.callbacks.deliveries()).toHaveLength(1);
  });
});

describe('a sender the receiver does not take at once', () => {
  it('a sandbox clock 6 minutes late: every attempt refused as stale, given up, nothing on the bus', async () => {
    const late = await startPlatform({ project: credentials.project, now: () => Date.now() - 6 * 60_000, callbacks: { url: receiverUrl, ...FAST_RETRIES } });
    try {
      const paid = await fetch(`${late.url.replace('/open-api', '')}/__sandbox/terminal-payments`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: HONG, amount: 100, merchantId: MERCHANT }),
      });
      expect(paid.status).toBe(201);
      await late.callbacks.idle();
      const deliveries = late.callbacks.deliveries();
      expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['gave-up', 'gave-up']);
      for (const delivery of deliveries) expect(delivery.attempts.map((attempt) => [attempt.status, attempt.code])).toEqual(Array(5).fill([401, '000_105']));
      expect(details()).toEqual([]);
    } finally {
      await late.close();
    }
  });

  it('a receiver that fails twice (connection reset, then 502) is retried with backoff until it answers 200: the event reaches the bus once', async () => {
    let seen = 0;
    const flaky: Server = createServer((req, res) => {
      seen++;
      if (seen === 1) return req.socket.destroy();
      if (seen === 2) {
        res.writeHead(502);
        return res.end();
      }
      const forward = request(receiverUrl, { method: 'POST', headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      platform.callbacks.configure({ url: `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/callbacks/konaplate` });
      const paid = await control('POST', '/__sandbox/terminal-payments', { userId: HONG, amount: 300, merchantId: MERCHANT });
      expect(paid.status).toBe(201);
      await settled(() => details().length >= 2);
      // Two callbacks (payment, balance) sent side by side met the reset and the 502 between them.
      const deliveries = platform.callbacks.deliveries();
      expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['delivered', 'delivered']);
      const attempts = deliveries.flatMap((delivery) => delivery.attempts);
      expect(attempts.map((attempt) => attempt.status ?? 'no answer').sort()).toEqual([200, 200, 502, 'no answer']);
      // Each attempt is a new request: a new correlation id (the receiver would refuse a repeated one).
      expect(new Set(attempts.map((attempt) => attempt.correlationId)).size).toBe(4);
      expect(kinds()).toEqual(['balance.changed', 'payment.approved']);
    } finally {
      flaky.closeAllConnections();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });

  it('a bus that refuses: the event goes to the failure queue, the sandbox is answered 200 and stops', async () => {
    harness.eventBridge.failNext(1, 'entries');
    await control('PUT', '/__sandbox/callbacks', { encryption: 'none' });
    const paid = await control('POST', '/__sandbox/terminal-payments', { userId: HONG, amount: 700, merchantId: MERCHANT });
    await settled(() => harness.sqs.messages(QUEUE).length + details().length >= 2);
    const queued = harness.sqs.messages(QUEUE).map((message) => JSON.parse(message.Body).handOff.eventKey);
    expect(queued).toEqual([`payment.approved#${paid.json.nrNumber as string}`]);
    expect(kinds()).toEqual(['balance.changed']);
    expect(platform.callbacks.deliveries().map((delivery) => [delivery.eventType, delivery.outcome, delivery.attempts.length])).toEqual([
      ['PAYMENT_APPROVED', 'delivered', 1], ['BALANCE_CHANGED', 'delivered', 1],
    ]);
  });
});
