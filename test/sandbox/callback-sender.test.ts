/**
 * The sandbox's callback sender against a plain capturing server, read with this test's own
 * HMAC and jose: what a callback looks like on the wire (protocol.md §5.2), how it is retried,
 * and the control API that drives it (settings, terminal payments, deliveries).
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLBACK_EVENTS } from '../../lib/callbacks/catalog';
import { firstViolation } from '../../lib/catalog/validate';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { decryptWith } from './support/kona-client';
import { HONG } from './support/fixtures';

const MERCHANT = '410195430033901';

interface Captured {
  at: number;
  headers: Record<string, string>;
  body: Buffer;
}

let credentials: SandboxCredentials;
let platform: PlatformHandle;
let capture: Server;
let captured: Captured[] = [];
let answerStatus = 200;
let url: string;

beforeAll(async () => {
  credentials = await generateSandboxCredentials({ keyCount: 2 });
  capture = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured.push({ at: Date.now(), headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      res.writeHead(answerStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ response: { code: answerStatus === 200 ? '000_000' : '000_001', description: 'x' } }));
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/callbacks/konaplate`;
  platform = await startPlatform({ project: credentials.project, callbacks: { url, retryDelaysMs: [40, 80, 160], tickMs: 20 } });
});
afterAll(async () => {
  await platform?.close();
  capture.closeAllConnections();
  await new Promise((resolve) => capture.close(resolve));
});
beforeEach(async () => {
  await platform.callbacks.idle();
  platform.reset();
  platform.callbacks.configure({ url, duplicates: 'none', encryption: 'catalog', retryDelaysMs: [40, 80, 160] });
  captured = [];
  answerStatus = 200;
});

const controlUrl = (path: string) => `${platform.url.replace('/open-api', '')}${path}`;
async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const answer = await fetch(controlUrl(path), { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: answer.status, json: await answer.json() };
}

const pay = (amount = 1000, extra: Record<string, unknown> = {}) => control('POST', '/__sandbox/terminal-payments', { userId: HONG, amount, merchantId: MERCHANT, ...extra });

/** The plaintext of a captured callback: the body, or the JWE opened with the key the header names. */
async function plaintextOf(request: Captured): Promise<Record<string, unknown>> {
  const outer = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  if (typeof outer.encData !== 'string') return outer;
  const key = credentials.clientSecret.cryptoKeys.find((candidate) => candidate.id === request.headers['x-km-crypto-key-id'])!;
  return JSON.parse((await decryptWith(key.clientPrivateKey, outer.encData)).plaintext);
}

describe('a callback on the wire', () => {
  it('carries the common headers without the access key, a token over the exact bytes, and the catalog\'s body', async () => {
    await pay();
    await platform.callbacks.idle();
    expect(captured).toHaveLength(2);
    for (const request of captured) {
      const h = request.headers;
      expect(h['x-km-access-key']).toBeUndefined();
      expect(h['x-km-user-aspid']).toBe(credentials.project.aspId);
      expect(h['x-km-time-zone']).toBe('KST');
      expect(h['x-km-tran-time']).toMatch(/^\d{14}$/);
      expect(h['x-km-correlation-id']).toBe(`${h['x-km-tran-time']!.slice(2)}-${h['x-km-correlation-id']!.slice(13)}`);
      const token = /^KMV1:(\d{17}):([A-Za-z0-9+/]{43}=)$/.exec(h['x-km-tran-token']!)!;
      expect(token[1]!.startsWith(h['x-km-tran-time']!)).toBe(true);
      expect(token[2]).toBe(createHmac('sha256', credentials.project.secretKey).update(request.body).digest('base64'));
      const body = await plaintextOf(request);
      const entry = CALLBACK_EVENTS.find((candidate) => candidate.eventType === body.eventType)!;
      expect(firstViolation(entry.body, body)).toBeUndefined();
    }
  });

  it('seals the kinds the catalog marks encrypted to the first crypto key\'s client public key, and sends the rest in clear', async () => {
    const sequenceId = 'SNDPENDING1';
    const card = platform.state.member(BigInt(HONG))!.cards[0]!;
    platform.state.payments.recordCharge({ sequenceId, aspId: credentials.project.aspId, userId: BigInt(HONG), par: card.par, amount: 5005, merchantId: MERCHANT, method: 'ACCOUNT', settlesAs: 'COMPLETED' }, Date.now());
    platform.state.payments.pendingDelayMs = 0;
    platform.state.payments.settle(platform.state.payments.charge(sequenceId)!, 'COMPLETED', Date.now());
    await platform.callbacks.idle();
    const sent = await Promise.all(captured.map(async (request) => ({ request, body: await plaintextOf(request) })));
    const settledCharge = sent.find(({ body }) => body.eventType === 'CHARGE_SETTLED')!;
    const balance = sent.find(({ body }) => body.eventType === 'BALANCE_CHANGED')!;
    expect(JSON.parse(settledCharge.request.body.toString()).encData).toBeUndefined();
    expect(settledCharge.request.headers['x-km-crypto-key-id']).toBeUndefined();
    expect(JSON.parse(balance.request.body.toString()).encData).toEqual(expect.any(String));
    expect(balance.request.headers['x-km-crypto-key-id']).toBe(credentials.project.cryptoKeys[0]!.id);
    expect(settledCharge.body).toMatchObject({ sequenceId, result: 'COMPLETED', chargeType: 'CHARGE', amount: 5005, userId: HONG });
  });

  it('sends everything sealed, or everything in clear, when told', async () => {
    await control('PUT', '/__sandbox/callbacks', { encryption: 'all' });
    await pay();
    await platform.callbacks.idle();
    expect(captured.map((request) => typeof JSON.parse(request.body.toString()).encData)).toEqual(['string', 'string']);
    captured = [];
    await control('PUT', '/__sandbox/callbacks', { encryption: 'none' });
    await pay();
    await platform.callbacks.idle();
    expect(captured.map((request) => typeof JSON.parse(request.body.toString()).encData)).toEqual(['undefined', 'undefined']);
  });
});

describe('retries', () => {
  it('resends on every non-200, after each delay in turn, with a fresh correlation id and token over the same bytes; then gives up', async () => {
    answerStatus = 503;
    await control('PUT', '/__sandbox/callbacks', { encryption: 'none' });
    await pay();
    await platform.callbacks.idle();
    const [delivery] = platform.callbacks.deliveries();
    expect(delivery).toMatchObject({ eventType: 'PAYMENT_APPROVED', outcome: 'gave-up' });
    expect(delivery!.attempts.map((attempt) => [attempt.status, attempt.code])).toEqual(Array(4).fill([503, '000_001']));
    const attempts = captured.filter((request) => JSON.parse(request.body.toString()).eventType === 'PAYMENT_APPROVED');
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((request) => request.body.toString())).size).toBe(1);
    expect(new Set(attempts.map((request) => request.headers['x-km-correlation-id'])).size).toBe(4);
    const gaps = attempts.slice(1).map((request, i) => request.at - attempts[i]!.at);
    [40, 80, 160].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 5));
  });

  it('a refused connection is retried like a non-200', async () => {
    await control('PUT', '/__sandbox/callbacks', { url: 'http://127.0.0.1:9/callbacks/konaplate', retryDelaysMs: [10, 10] });
    await pay();
    await platform.callbacks.idle();
    const [delivery] = platform.callbacks.deliveries();
    expect(delivery!.outcome).toBe('gave-up');
    expect(delivery!.attempts.map((attempt) => attempt.error)).toEqual(Array(3).fill(expect.stringMatching(/^TypeError: fetch failed/)));
  });

  it('duplicates: every callback twice, re-sealed (other bytes, the same event)', async () => {
    await control('PUT', '/__sandbox/callbacks', { duplicates: 'sequential' });
    await pay();
    await platform.callbacks.idle();
    expect(platform.callbacks.deliveries().map((delivery) => `${delivery.eventType} ${delivery.copy}`).sort()).toEqual([
      'BALANCE_CHANGED 1', 'BALANCE_CHANGED 2', 'PAYMENT_APPROVED 1', 'PAYMENT_APPROVED 2',
    ]);
    const approvals = captured.filter((request) => request.headers['x-km-crypto-key-id']);
    expect(new Set(approvals.map((request) => request.body.toString())).size).toBe(4);
    const bodies = await Promise.all(approvals.map(plaintextOf));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(2);
  });
});

describe('the control API', () => {
  it('shows and changes the settings, refusing a bad one by name', async () => {
    expect((await control('GET', '/__sandbox/callbacks')).json.settings).toMatchObject({ url, duplicates: 'none', encryption: 'catalog' });
    expect(await control('PUT', '/__sandbox/callbacks', { url: 'ftp://example' })).toEqual({ status: 400, json: { error: { message: 'url must be an http or https URL' } } });
    expect((await control('PUT', '/__sandbox/callbacks', { duplicates: 'thrice' })).json.error.message).toBe('duplicates must be one of none|sequential|concurrent');
    expect((await control('PUT', '/__sandbox/callbacks', { retryDelaysMs: [-1] })).status).toBe(400);
    expect((await control('PUT', '/__sandbox/callbacks', { colour: 'red' })).json.error.message).toMatch(/^unknown setting colour/);
  });

  it('with the url unset, sends and records nothing', async () => {
    await control('PUT', '/__sandbox/callbacks', { url: null });
    expect((await pay()).status).toBe(201);
    await platform.callbacks.idle();
    expect([captured.length, platform.callbacks.deliveries().length]).toEqual([0, 0]);
  });

  it('records deliveries as metadata only: no header value, no body', async () => {
    await pay();
    await platform.callbacks.idle();
    const shown = JSON.stringify((await control('GET', '/__sandbox/callbacks')).json.deliveries);
    expect(JSON.parse(shown)).toHaveLength(2);
    for (const secret of [credentials.project.secretKey, 'KMV1:', 'encData', MERCHANT, credentials.project.cryptoKeys[0]!.id]) expect(shown).not.toContain(secret);
  });

  it('terminal payments: debit and history row, refusals by rule, one cancel', async () => {
    const card = platform.state.member(BigInt(HONG))!.cards[0]!;
    const before = card.balance;
    expect((await pay(before + 1)).status).toBe(409);
    expect((await control('POST', '/__sandbox/terminal-payments', { userId: 1, amount: 1, merchantId: MERCHANT })).status).toBe(404);
    expect((await control('POST', '/__sandbox/terminal-payments', { userId: HONG, amount: 1, merchantId: '12' })).json.error.message).toBe('merchantId must be 15 digits');
    const paid = await pay(2500);
    expect(card.balance).toBe(before - 2500);
    const cancel = `/__sandbox/terminal-payments/${paid.json.nrNumber as string}/cancel`;
    expect((await control('POST', cancel)).status).toBe(201);
    expect((await control('POST', cancel)).json.error.message).toBe('cancel refused: already cancelled');
    expect(card.balance).toBe(before);
    expect(platform.state.payments.transactionsOf(card.par).map((row) => [row.trType, row.authCancelType, row.amount])).toEqual([['00', 'AUTH', 2500], ['00', 'CANCEL', 2500]]);
  });

  it('a reset keeps the settings and forgets the deliveries', async () => {
    await control('PUT', '/__sandbox/callbacks', { duplicates: 'concurrent' });
    await pay();
    await platform.callbacks.idle();
    await control('POST', '/__sandbox/reset');
    const after = (await control('GET', '/__sandbox/callbacks')).json;
    expect([after.settings.url, after.settings.duplicates, after.deliveries]).toEqual([url, 'concurrent', []]);
  });

  it('a card delivered before callbacks were turned on is old news; one delivered after is sent once', async () => {
    await control('PUT', '/__sandbox/callbacks', { url: null });
    const card = platform.state.member(BigInt(HONG))!.cards[0]!;
    const apply = () => platform.state.cardApplications.create({
      userId: BigInt(HONG), issueType: 'ISSUE', serviceId: card.serviceId, fee: 0, mobileCardPar: card.par,
      delivery: { address: '서울시', addressDetail: '1', zipCode: '04524' },
    }, card.expiryDate);
    const early = apply();
    await control('POST', `/__sandbox/card-applications/${early.cardApplyNo}/delivery`);
    await control('PUT', '/__sandbox/callbacks', { url });
    const late = apply();
    await control('POST', `/__sandbox/card-applications/${late.cardApplyNo}/delivery`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await platform.callbacks.idle();
    const bodies = await Promise.all(captured.map(plaintextOf));
    expect(bodies.map((body) => [body.eventType, body.cardApplyNo])).toEqual([['CARD_DELIVERED', late.cardApplyNo]]);
  });
});
