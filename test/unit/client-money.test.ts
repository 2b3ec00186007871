/**
 * `charge` / `cancelCharge` of the caller client, branch by branch, against a scripted gateway over
 * both transports: which answers are final (returned or thrown at once) and which are met by calling
 * again — always with the same sequenceId and the same body — with a jittered backoff, until the
 * caller's deadline.
 */
import {
  GatewayInternalError, KonaplateAuthFailed, KonaplateConflict, KonaplateError, KonaplateNetworkError, KonaplateOutcomeUnknown,
  KonaplateRejected, KonaplateUnavailable, type MoneyRetry,
} from '../../client';
import { newSequenceId, SEQUENCE_ID_LENGTH } from '../../client/money';
import { GatewayError } from '../../lib/errors';
import { fakeGateway, type FakeGateway, type Reply, type Transport } from '../support/fake-gateway';

const REQUEST = { userId: 50000104652, amount: 1000, oneTimeToken: '1234567890123456', dcvv: '123', merchantId: '410195430033901' };
const FAST = { backoff: { initialMs: 2, maxMs: 10 } };

const completed = (sequenceId: unknown, extra: Record<string, unknown> = {}): Reply => ({ answer: { nrNumber: 'KMN261201000000001', isPending: false, outcome: 'COMPLETED', sequenceId, ...extra } });
const pending = (sequenceId: unknown): Reply => ({ answer: { nrNumber: 'KMN261201000000001', isPending: true, outcome: 'PENDING', sequenceId }, status: 202 });
const outcomeUnknown = (sequenceId: unknown): Reply => ({
  error: new GatewayError('outcome_unknown', `chargeByBankAccount ${sequenceId}: outcome not known yet (the platform has not confirmed it); call again with the same sequenceId`, { sequenceId: String(sequenceId) }),
});
const inFlight = (sequenceId: unknown): Reply => ({
  error: new GatewayError('conflict', `chargeByBankAccount ${sequenceId} is being processed by another call; ask again shortly`, { sequenceId: String(sequenceId) }),
});
const reused = (sequenceId: unknown): Reply => ({
  error: new GatewayError('conflict', `sequenceId ${sequenceId} was already used for a different chargeByBankAccount request`, { field: 'sequenceId', rule: 'unique per request', sequenceId: String(sequenceId) }),
});

let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** A fake gateway answering the n-th request with `replies[n - 1]` (the last one thereafter). */
async function scripted(replies: Array<(sequenceId: unknown) => Reply>): Promise<FakeGateway> {
  gateway = await fakeGateway((received, n) => replies[Math.min(n, replies.length) - 1]!(received.body.sequenceId));
  return gateway;
}

async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: any }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

it('makes sequenceIds of 20 characters the catalog accepts, unique, sorting by time', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => newSequenceId(1_764_000_000_000 + i));
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{20}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
  expect(SEQUENCE_ID_LENGTH).toBe(20);
});

describe.each<Transport>(['http', 'invoke'])('charge over %s', (transport) => {
  it('returns the COMPLETED answer of the first attempt, under a sequenceId it made', async () => {
    const fake = await scripted([completed]);
    const answer = await fake.client(transport).charge(REQUEST);
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!.body;
    expect(sent).toEqual({ ...REQUEST, sequenceId: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    expect(answer).toEqual({ nrNumber: 'KMN261201000000001', isPending: false, outcome: 'COMPLETED', sequenceId: sent.sequenceId });
  });

  it('keeps the caller\'s sequenceId', async () => {
    const fake = await scripted([completed]);
    await fake.client(transport).charge({ ...REQUEST, sequenceId: 'ORDER-42' });
    expect(fake.received[0]!.body.sequenceId).toBe('ORDER-42');
  });

  it.each([
    ['an unknown outcome (504)', outcomeUnknown, KonaplateOutcomeUnknown],
    ['another call in flight (409)', inFlight, KonaplateConflict],
    ['no answer at all', () => ({ noAnswer: true }) as Reply, KonaplateNetworkError],
    ['the platform unreachable (502)', () => ({ error: new GatewayError('platform_unavailable', 'platform unreachable (ECONNREFUSED)', {}, { delivery: 'not-sent' }) }) as Reply, KonaplateUnavailable],
    ['a gateway bug (500)', () => ({ error: new GatewayError('internal', 'internal gateway error') }) as Reply, GatewayInternalError],
    ['throttling before the gateway (429)', () => ({ foreign: { status: 429, type: 'TooManyRequestsException', message: 'Too Many Requests' } }) as Reply, KonaplateError],
    ['a 503 before the gateway', () => ({ foreign: { status: 503, type: 'ServiceUnavailableException', message: 'Service Unavailable' } }) as Reply, KonaplateError],
  ])('calls again after %s, with the same sequenceId and body, until COMPLETED', async (_, failure, errorClass) => {
    const fake = await scripted([failure, failure, completed]);
    const retries: MoneyRetry[] = [];
    const answer = await fake.client(transport).charge(REQUEST, { ...FAST, onRetry: (retry) => retries.push(retry) });
    expect(answer.outcome).toBe('COMPLETED');
    expect(fake.received).toHaveLength(3);
    expect(new Set(fake.received.map((r) => r.text)).size).toBe(1);
    expect(retries.map((r) => [r.attempt, r.key, r.reason instanceof errorClass])).toEqual([
      [2, answer.sequenceId, true],
      [3, answer.sequenceId, true],
    ]);
  });

  it('asks again while the charge is PENDING (202), by calling the charge again, until COMPLETED', async () => {
    const fake = await scripted([pending, pending, completed]);
    const retries: MoneyRetry[] = [];
    const answer = await fake.client(transport).charge(REQUEST, { ...FAST, onRetry: (retry) => retries.push(retry) });
    expect({ outcome: answer.outcome, isPending: answer.isPending }).toEqual({ outcome: 'COMPLETED', isPending: false });
    expect(fake.received.map((r) => r.operation)).toEqual(['chargeByBankAccount', 'chargeByBankAccount', 'chargeByBankAccount']);
    expect(retries.map((r) => r.reason)).toEqual(['pending', 'pending']);
  });

  it.each([
    ['a refusal of the platform', (id: unknown) => ({ error: new GatewayError('rejected', '007_003 Limit exceeded', { platformCode: '007_003', correlationId: 'c0ffee', sequenceId: String(id) }) }) as Reply, KonaplateRejected],
    ['a sequenceId reused for another request (409)', reused, KonaplateConflict],
    ['the platform\'s own conflict (409, 007_005)', () => ({ error: new GatewayError('conflict', '007_005 A bank-account charge of this member is already in progress', { platformCode: '007_005' }) }) as Reply, KonaplateConflict],
    ['the credentials refused (502)', () => ({ error: new GatewayError('platform_auth', 'platform refused the credentials with HTTP 401') }) as Reply, KonaplateAuthFailed],
    ['a refused signature (403 before the gateway)', () => ({ foreign: { status: 403, type: 'ForbiddenException', message: 'Forbidden' } }) as Reply, KonaplateError],
  ])('throws %s at once, never calling again', async (_, failure, errorClass) => {
    const fake = await scripted([failure, completed]);
    const { error } = await outcome(fake.client(transport).charge(REQUEST, FAST));
    expect(error).toBeInstanceOf(errorClass);
    expect(error.sequenceId).toBe(fake.received[0]!.body.sequenceId);
    expect(fake.received).toHaveLength(1);
  });

  it('at the deadline throws KonaplateOutcomeUnknown with the sequenceId, having used no other', async () => {
    const fake = await scripted([outcomeUnknown]);
    const started = Date.now();
    const { error } = await outcome(fake.client(transport).charge(REQUEST, { backoff: { initialMs: 20, maxMs: 40 }, deadline: Date.now() + 700 }));
    expect(Date.now() - started).toBeLessThan(700 + 250);
    expect(error).toBeInstanceOf(KonaplateOutcomeUnknown);
    expect(fake.received.length).toBeGreaterThan(2);
    expect(new Set(fake.received.map((r) => r.body.sequenceId))).toEqual(new Set([error.sequenceId]));
  });

  it('still PENDING at the deadline: KonaplateOutcomeUnknown saying so, with the sequenceId', async () => {
    const fake = await scripted([pending]);
    const { error } = await outcome(fake.client(transport).charge(REQUEST, { backoff: { initialMs: 20, maxMs: 40 }, deadline: new Date(Date.now() + 600) }));
    expect(error).toBeInstanceOf(KonaplateOutcomeUnknown);
    expect(error.message).toMatch(/still PENDING/);
    expect(error.sequenceId).toBe(fake.received[0]!.body.sequenceId);
  });

  it('an attempt whose answer is late is given up and made again with the same sequenceId', async () => {
    const fake = await scripted([(id) => ({ after: 400, reply: completed(id) }), inFlight, completed]);
    const retries: MoneyRetry[] = [];
    const answer = await fake.client(transport).charge(REQUEST, { ...FAST, attemptTimeoutMs: 100, onRetry: (retry) => retries.push(retry) });
    expect(answer.outcome).toBe('COMPLETED');
    expect(retries.map((r) => r.reason.constructor)).toEqual([KonaplateNetworkError, KonaplateConflict]);
    expect(new Set(fake.received.map((r) => r.body.sequenceId)).size).toBe(1);
  });

  it('stopped by the caller: KonaplateOutcomeUnknown with the sequenceId (the charge may have happened)', async () => {
    const fake = await scripted([outcomeUnknown]);
    const controller = new AbortController();
    const promise = outcome(fake.client(transport).charge(REQUEST, { backoff: { initialMs: 50, maxMs: 50 }, signal: controller.signal, onRetry: () => controller.abort() }));
    const { error } = await promise;
    expect(error).toBeInstanceOf(KonaplateOutcomeUnknown);
    expect(error.sequenceId).toBe(fake.received[0]!.body.sequenceId);
    expect(fake.received).toHaveLength(1);
  });

  it('sends nothing when the deadline has already passed', async () => {
    const fake = await scripted([completed]);
    await expect(fake.client(transport).charge(REQUEST, { deadline: Date.now() - 1 })).rejects.toThrow(/deadline has already passed/);
    expect(fake.received).toHaveLength(0);
  });

  it('cancels a charge the same way, under a sequenceId of its own', async () => {
    const fake = await scripted([outcomeUnknown, completed]);
    const cancel = { userId: 50000104652, nrNumber: 'KMN261201000000001', oneTimeToken: '1234567890123456', dcvv: '123', cardExpiry: '3012' };
    const answer = await fake.client(transport).cancelCharge(cancel, FAST);
    expect(answer.outcome).toBe('COMPLETED');
    expect(fake.received.map((r) => r.operation)).toEqual(['cancelChargeByBankAccount', 'cancelChargeByBankAccount']);
    expect(fake.received[1]!.body).toEqual({ ...cancel, sequenceId: answer.sequenceId });
  });
});

it('backs off exponentially up to the cap, each wait drawn from its upper half', async () => {
  const fake = await scripted([outcomeUnknown]);
  const delays: number[] = [];
  await outcome(fake.client('invoke').charge(REQUEST, { backoff: { initialMs: 8, maxMs: 64 }, deadline: Date.now() + 1500, onRetry: (retry) => delays.push(retry.delayMs) }));
  expect(delays.length).toBeGreaterThan(8);
  delays.forEach((delay, i) => {
    const ceiling = Math.min(64, 8 * 2 ** i);
    expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
    expect(delay).toBeLessThanOrEqual(ceiling);
  });
  // Jittered: the capped waits are not all the same.
  expect(new Set(delays.slice(4)).size).toBeGreaterThan(1);
});
