/**
 * The money flow's rules one by one (lib/money/flow.ts, outcome.ts), against a scripted platform
 * on 127.0.0.1 and the in-memory ledger: what a charge's caller is told for each outcome the
 * platform reports after a lost answer, what is stored and replayed, what is released, that
 * nothing is ever sent twice, and the time kept back to ask. money-safety.test.ts runs the same
 * flow against the sandbox with its faults; money-reconciliation.test.ts by the thousand.
 */
import { chargeByBankAccount, chargeResultInquiry } from '../../lib/catalog';
import { resetConfig } from '../../lib/config';
import { CredentialStore, parseCredentials } from '../../lib/credentials';
import { GatewayError } from '../../lib/errors';
import { callMoneyOperation } from '../../lib/money/flow';
import { moneyHandler } from '../../lib/money/handler';
import { MemoryLedger } from '../../lib/money/ledger';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { moneyContext as context, moneySecret as secret } from '../support/money-context';
import { publishedMetrics } from '../support/published-metrics';
import { answer, brokenHandshakes, gatewayFailure, scriptedPlatform, scriptedPlatforms, UNAVAILABLE } from '../support/scripted-platform';

const CHARGE_PATH = `/open-api${chargeByBankAccount.path}`;
const INQUIRY_PATH = `/open-api${chargeResultInquiry.path}`;
const charged = answer('000_000', { isPending: false, nrNumber: 'NR-1' });
const result = (value: 'COMPLETED' | 'FAILED' | 'PENDING') => answer('000_000', { result: value });
const unknownSequenceId = answer('007_102');

let counter = 0;
const request = () => ({ sequenceId: `MR-${Date.now()}-${(counter += 1)}`, userId: 50000104652, amount: 1000, oneTimeToken: '9461442187322710', dcvv: '366', merchantId: '410195430033901' });

const { platform, stopPlatform } = scriptedPlatforms();

const failure = gatewayFailure;

const record = (ledger: MemoryLedger, sequenceId: string) => ledger.records.get(`chargeByBankAccount#${sequenceId}`);

describe('a charge the platform answers', () => {
  it('is answered with its fields, its sequenceId and COMPLETED, stored as DONE and replayed without sending', async () => {
    const { url, received } = await platform([charged]);
    const ledger = new MemoryLedger();
    const input = request();
    const ctx = context(url, 5000, ledger);
    const first = await callMoneyOperation(chargeByBankAccount, input, ctx);
    expect(first).toEqual({ data: { isPending: false, nrNumber: 'NR-1', sequenceId: input.sequenceId, outcome: 'COMPLETED' }, correlationId: expect.any(String), status: 200 });
    // The claim held 5 s past the call's deadline, for a container that dies mid-call.
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'DONE', leaseUntil: ctx.deadline + 5000 });
    let replayed: unknown;
    const metrics = await publishedMetrics(async () => (replayed = await callMoneyOperation(chargeByBankAccount, { ...input }, context(url, 5000, ledger))));
    expect(replayed).toEqual(first);
    expect(metrics).toMatchObject({ LedgerReplays: 1 });
    expect(metrics).not.toHaveProperty('PlatformCalls');
    expect(received).toHaveLength(1);
  });

  it('as pending is answered 202 PENDING and stored as PENDING', async () => {
    const { url } = await platform([answer('000_000', { isPending: true, nrNumber: 'NR-2' })]);
    const ledger = new MemoryLedger();
    const input = request();
    const first = await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    expect(first).toMatchObject({ data: { isPending: true, outcome: 'PENDING' }, status: 202 });
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'PENDING' });
  });

  it('as pending, asked again later, is answered with the first answer\'s fields once the platform completed it', async () => {
    const { url, received } = await platform([answer('000_000', { isPending: true, nrNumber: 'NR-3' }), result('COMPLETED')]);
    const ledger = new MemoryLedger();
    const input = request();
    await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    const later = await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    expect(later).toMatchObject({ data: { isPending: false, nrNumber: 'NR-3', outcome: 'COMPLETED', sequenceId: input.sequenceId }, status: 200 });
    expect(received.map((r) => r.body.includes(input.sequenceId))).toEqual([true, true]);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'DONE' });
  });

  it('as pending, asked again while the platform still holds it, is answered with the first answer\'s fields and correlation id, PENDING', async () => {
    const { url } = await platform([{ ...answer('000_000', { isPending: true, nrNumber: 'NR-4' }), headers: { 'X-KM-Correlation-Id': '251125143005-pending' } }, result('PENDING')]);
    const ledger = new MemoryLedger();
    const input = request();
    await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    const later = await callMoneyOperation(chargeByBankAccount, input, context(url, 1500, ledger));
    expect(later).toEqual({ data: { isPending: true, nrNumber: 'NR-4', outcome: 'PENDING', sequenceId: input.sequenceId }, correlationId: '251125143005-pending', status: 202 });
  });

  it('refused is that refusal, naming the sequenceId, stored and replayed without sending', async () => {
    const { url, received } = await platform([answer('007_003'), charged]);
    const ledger = new MemoryLedger();
    const input = request();
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(error).toMatchObject({ kind: 'rejected', delivery: 'refused', details: { platformCode: '007_003', sequenceId: input.sequenceId } });
    const replayed = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(replayed).toMatchObject({ kind: 'rejected', delivery: 'refused', message: error.message, details: error.details });
    expect(received).toHaveLength(1);
  });
});

describe('a charge whose answer is lost (5xx)', () => {
  it('is asked about by its sequenceId and answered COMPLETED when the platform says so, sent once', async () => {
    const { url, received } = await platform([UNAVAILABLE, result('COMPLETED')]);
    const ledger = new MemoryLedger();
    const input = request();
    const done = await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    expect(done).toEqual({ data: { isPending: false, sequenceId: input.sequenceId, outcome: 'COMPLETED' }, correlationId: '', status: 200 });
    expect(received.map((r) => [r.path, JSON.parse(r.body).sequenceId])).toEqual([[CHARGE_PATH, input.sequenceId], [INQUIRY_PATH, input.sequenceId]]);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'DONE' });
  });

  it('is answered "did not take effect" when the platform says FAILED, and that is replayed', async () => {
    const { url, received } = await platform([UNAVAILABLE, result('FAILED')]);
    const ledger = new MemoryLedger();
    const input = request();
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(error).toMatchObject({ kind: 'rejected', delivery: 'refused', details: { sequenceId: input.sequenceId } });
    expect(error.message).toBe(`chargeByBankAccount ${input.sequenceId} did not take effect: the platform reports it FAILED`);
    const replayed = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(replayed.message).toBe(error.message);
    expect(received).toHaveLength(2);
  });

  it('is answered 202 PENDING when the platform holds it as pending', async () => {
    const { url } = await platform([UNAVAILABLE, result('PENDING')]);
    const ledger = new MemoryLedger();
    const input = request();
    const pending = await callMoneyOperation(chargeByBankAccount, input, context(url, 1500, ledger));
    // No answer was read: no correlation id of the platform's to give.
    expect(pending).toEqual({ data: { isPending: true, outcome: 'PENDING', sequenceId: input.sequenceId }, correlationId: '', status: 202 });
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'PENDING' });
  });

  it('is "outcome unknown" (ledger UNKNOWN) while the platform does not know the sequenceId yet: right after, that proves nothing', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    const started = Date.now();
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 2000, ledger)));
    // Answered inside the caller's deadline, 300 ms kept to store the outcome.
    expect(Date.now() - started).toBeLessThan(1700 + 100);
    expect(error).toMatchObject({ kind: 'outcome_unknown', delivery: 'maybe-sent', details: { sequenceId: input.sequenceId } });
    expect(error.message).toBe(`chargeByBankAccount ${input.sequenceId}: outcome not known yet (the platform has not confirmed it); call again with the same sequenceId`);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
    // Asked at 0, 150, 450 and 1050 ms (the wait doubling from 150 ms up to 1 s), never sent again.
    const inquiries = received.filter((r) => r.path === INQUIRY_PATH).length;
    expect(inquiries).toBeGreaterThanOrEqual(4);
    expect(inquiries).toBeLessThanOrEqual(5);
    expect(received.filter((r) => 'oneTimeToken' in JSON.parse(r.body))).toHaveLength(1);
  });

  it('asked again once the first attempt is long over, "no such sequenceId" proves it never happened', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 1000, ledger, 0)));
    const asked = received.length;
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger, 0)));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(`chargeByBankAccount ${input.sequenceId} did not take effect: the platform has no record of it`);
    expect(received).toHaveLength(asked + 1);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'DONE' });
  });

  it('keeps asking while the platform says PENDING, and answers what it says next; each inquiry counted', async () => {
    const { url, received } = await platform([UNAVAILABLE, result('PENDING'), result('COMPLETED')]);
    const ledger = new MemoryLedger();
    const input = request();
    let done: unknown;
    const metrics = await publishedMetrics(async () => (done = await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger))));
    expect(done).toMatchObject({ data: { outcome: 'COMPLETED' }, status: 200 });
    expect(received.map((r) => r.path)).toEqual([CHARGE_PATH, INQUIRY_PATH, INQUIRY_PATH]);
    expect(metrics).toMatchObject({ OutcomeInquiries: [1, 1] });
  });

  it('is "outcome unknown" when the inquiry answers no result it knows', async () => {
    const { url } = await platform([UNAVAILABLE, answer('000_000', { result: 'PROCESSING' })]);
    const ledger = new MemoryLedger();
    const input = request();
    expect((await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 1500, ledger)))).kind).toBe('outcome_unknown');
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('asked again once long over, with the inquiry itself unanswered (5xx), is still "outcome unknown", never "did not happen"', async () => {
    const { url } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    // The first call: its 5xx, then "no such sequenceId" right after: unknown.
    await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 700, ledger, 0)));
    await stopPlatform();
    const { url: down } = await platform([UNAVAILABLE]);
    const again = await failure(callMoneyOperation(chargeByBankAccount, input, context(down, 1500, ledger, 0)));
    expect(again.kind).toBe('outcome_unknown');
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('gives an inquiry the platform never answers only the time before the last 300 ms: "outcome unknown" inside the deadline', async () => {
    const { url } = await platform([UNAVAILABLE, 'hang']);
    const ledger = new MemoryLedger();
    const input = request();
    const started = Date.now();
    expect((await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 2000, ledger)))).kind).toBe('outcome_unknown');
    expect(Date.now() - started).toBeLessThan(1700 + 150);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('stops asking when the platform refuses the inquiry itself: "outcome unknown", asked once', async () => {
    const { url, received } = await platform([UNAVAILABLE, answer('000_002')]);
    const ledger = new MemoryLedger();
    const input = request();
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(error.kind).toBe('outcome_unknown');
    expect(received.map((r) => r.path)).toEqual([CHARGE_PATH, INQUIRY_PATH]);
  });

  it('asked again with an inquiry Node refuses to send (a line break in a secret value) fails as that error, never as "outcome unknown"', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 700, ledger)));
    const asked = received.length;
    const broken = { ...context(url, 3000, ledger), credentials: { ...parseCredentials(JSON.stringify(secret), 'money-rules'), accessKey: 'access\nkey' } };
    const error = await callMoneyOperation(chargeByBankAccount, input, broken).catch((caught: unknown) => caught);
    // A defect of the gateway's own, shown as such: not hidden behind the platform's silence.
    expect(error).not.toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(received).toHaveLength(asked);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'IN_FLIGHT' });
  });

  it('keeps asking when the inquiry itself gets no answer, until the platform says', async () => {
    // The charge's 5xx, then three for the inquiry (its own retries), then the outcome.
    const { url, received } = await platform([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, result('COMPLETED')]);
    const ledger = new MemoryLedger();
    const input = request();
    expect(await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger))).toMatchObject({ data: { outcome: 'COMPLETED' } });
    expect(received).toHaveLength(5);
  });

  it('asked again right after, while the platform still does not know the sequenceId, is still "outcome unknown", never sent again', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 1000, ledger)));
    const again = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 1000, ledger)));
    expect(again).toMatchObject({ kind: 'outcome_unknown', details: { sequenceId: input.sequenceId } });
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
    expect(received.filter((r) => r.path === CHARGE_PATH)).toHaveLength(1);
  });

  it('with "already known" (007_101) on a 5xx proves nothing: "no such sequenceId" right after is still "outcome unknown"', async () => {
    const { url } = await platform([answer('007_101', {}, 500), unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 1500, ledger)));
    expect(error.kind).toBe('outcome_unknown');
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('keeps 40 % of its time to ask: a charge answered after 60 % of the deadline is asked about, not waited for', async () => {
    const { url, received } = await platform([{ ...charged, delayMs: 1500 }, result('COMPLETED')]);
    const ledger = new MemoryLedger();
    const input = request();
    const done = await callMoneyOperation(chargeByBankAccount, input, context(url, 2500, ledger));
    expect(done).toMatchObject({ data: { outcome: 'COMPLETED' } });
    expect(received).toHaveLength(2);
  });
});

describe('a sequenceId', () => {
  it('reused for another request is refused 409 naming it, never sent', async () => {
    const { url, received } = await platform([charged]);
    const ledger = new MemoryLedger();
    const input = request();
    await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    const error = await failure(callMoneyOperation(chargeByBankAccount, { ...input, amount: 2000 }, context(url, 5000, ledger)));
    expect(error).toMatchObject({ kind: 'conflict', delivery: 'refused', details: { field: 'sequenceId', rule: 'unique per request', sequenceId: input.sequenceId } });
    expect(error.message).toBe(`sequenceId ${input.sequenceId} was already used for a different chargeByBankAccount request`);
    expect(received).toHaveLength(1);
  });

  it('is the same request in any key order', async () => {
    const { url, received } = await platform([charged]);
    const ledger = new MemoryLedger();
    const input = request();
    const first = await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger));
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    expect(await callMoneyOperation(chargeByBankAccount, reordered, context(url, 5000, ledger))).toEqual(first);
    expect(received).toHaveLength(1);
  });

  it('still in flight in another call is answered 409, never sent twice', async () => {
    const ledger = new MemoryLedger();
    const input = request();
    await ledger.claim({ id: `chargeByBankAccount#${input.sequenceId}`, requestHash: await ledgerHashOf(input), owner: 'other', leaseUntil: Date.now() + 60_000 });
    const { url, received } = await platform([charged]);
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(error).toMatchObject({ kind: 'conflict', delivery: 'refused', details: { sequenceId: input.sequenceId } });
    expect(error.message).toMatch(/is being processed by another call/);
    expect(received).toHaveLength(0);
  });

  it('of a call that died before sending (lease over, never marked sent) did not happen: answered so without asking', async () => {
    const ledger = new MemoryLedger();
    const input = request();
    const { url, received } = await platform([charged]);
    const hash = await ledgerHashOf(input);
    await ledger.claim({ id: `chargeByBankAccount#${input.sequenceId}`, requestHash: hash, owner: 'dead', leaseUntil: Date.now() - 1 });
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)));
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(/has no record of it/);
    expect(received).toHaveLength(0);
  });

  it('the platform already knows (007_101) is answered by what became of it', async () => {
    const { url, received } = await platform([answer('007_101'), result('COMPLETED')]);
    const ledger = new MemoryLedger();
    const input = request();
    expect(await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger))).toMatchObject({ data: { outcome: 'COMPLETED', sequenceId: input.sequenceId } });
    expect(received).toHaveLength(2);
  });

  it('the platform already knows but has no record of is "did not happen" at once', async () => {
    const { url, received } = await platform([answer('007_101'), unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    expect((await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger)))).message).toMatch(/has no record of it/);
    expect(received).toHaveLength(2);
  });
});

describe('a charge that fails before anything is sent', () => {
  it('for a base URL the gateway refuses (plain http off loopback) is a configuration error, and releases its sequenceId', async () => {
    const ledger = new MemoryLedger();
    const input = request();
    const error = await failure(callMoneyOperation(chargeByBankAccount, input, context('http://konaplate.example/open-api', 3000, ledger)));
    expect(error.kind).toBe('configuration');
    expect(record(ledger, input.sequenceId)).toBeUndefined();
  });

  it('with an error that is not the platform\'s (a line break in a secret value) keeps its claim: a retry is never sent blindly', async () => {
    const { url, received } = await platform([charged]);
    const ledger = new MemoryLedger();
    const input = request();
    const broken = { ...context(url, 3000, ledger), credentials: { ...parseCredentials(JSON.stringify(secret), 'money-rules'), accessKey: 'access\nkey' } };
    const error = await callMoneyOperation(chargeByBankAccount, input, broken).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(GatewayError);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'IN_FLIGHT' });
    expect((await failure(callMoneyOperation(chargeByBankAccount, input, context(url, 3000, ledger)))).kind).toBe('conflict');
    expect(received).toHaveLength(0);
  });
});

describe('a charge that surely never left (TLS handshake broken off)', () => {
  it('answers "unavailable" and releases its sequenceId, so the caller\'s retry is sent', async () => {
    const broken = await brokenHandshakes();
    try {
      const ledger = new MemoryLedger();
      const input = request();
      const error = await failure(callMoneyOperation(chargeByBankAccount, input, context(broken.url, 5000, ledger)));
      expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'not-sent' });
      expect(record(ledger, input.sequenceId)).toBeUndefined();
      const { url, received } = await platform([charged]);
      expect(await callMoneyOperation(chargeByBankAccount, input, context(url, 5000, ledger))).toMatchObject({ data: { outcome: 'COMPLETED' } });
      expect(received).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });
});

/** The hash the ledger keeps of a request: learned from a claim made through the flow itself. */
async function ledgerHashOf(input: Record<string, unknown>): Promise<string> {
  const probe = new MemoryLedger();
  const refusing = await scriptedPlatform([answer('007_003')]);
  try {
    await failure(callMoneyOperation(chargeByBankAccount, input, context(refusing.url, 2000, probe)));
  } finally {
    await refusing.close();
  }
  return [...probe.records.values()][0]!.requestHash;
}

describe('a money function (moneyHandler)', () => {
  it('runs the money flow on the ledger and settle time it is given: a lost answer asked about later, once settled, "did not happen"', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const store = new CredentialStore({ secretId: 'money-rules', fetchSecret: async () => JSON.stringify(secret) });
    const handler = moneyHandler(chargeByBankAccount, { store: () => store, baseUrl: () => url, ledger: () => ledger, settleMs: () => 0 });
    const input = request();
    const invoke = async () => {
      const answer = await handler(httpEvent(chargeByBankAccount.path, JSON.stringify(input)) as never, lambdaContext(3000) as never) as { statusCode: number; body: string };
      return { status: answer.statusCode, body: JSON.parse(answer.body) };
    };
    // 3 s: the charge's 5xx, then "no such sequenceId" until the deadline nears (right after, that proves nothing).
    const first = await invoke();
    expect(first.status).toBe(504);
    expect(JSON.stringify(first.body)).toMatch(/outcome not known yet/);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'UNKNOWN' });
    const asked = received.length;
    const second = await invoke();
    expect(second.status).toBe(422);
    expect(second.body.error.type).toBe('KonaplateRejected');
    expect(JSON.stringify(second.body)).toMatch(/has no record of it/);
    expect(received).toHaveLength(asked + 1);
    expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'DONE' });
  });

  it('without a settle time given, takes KONAPLATE_SETTLE_MS from the configuration', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const store = new CredentialStore({ secretId: 'money-rules', fetchSecret: async () => JSON.stringify(secret) });
    const saved = process.env.KONAPLATE_SETTLE_MS;
    process.env.KONAPLATE_SETTLE_MS = '0';
    resetConfig();
    try {
      const handler = moneyHandler(chargeByBankAccount, { store: () => store, baseUrl: () => url, ledger: () => ledger });
      const input = request();
      const invoke = async () => (await handler(httpEvent(chargeByBankAccount.path, JSON.stringify(input)) as never, lambdaContext(1500) as never) as { statusCode: number; body: string });
      expect((await invoke()).statusCode).toBe(504);
      // Settled at once (0 ms): "no such sequenceId" now proves the charge never arrived.
      const second = await invoke();
      expect(second.statusCode).toBe(422);
      expect(second.body).toMatch(/has no record of it/);
      expect(record(ledger, input.sequenceId)).toMatchObject({ state: 'DONE' });
      expect(received.filter((r) => r.path === CHARGE_PATH)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.KONAPLATE_SETTLE_MS;
      else process.env.KONAPLATE_SETTLE_MS = saved;
      resetConfig();
    }
  });

  it('holds its claim 5 s past the call\'s deadline, or the margin it is given (a container that died is played with a short one)', async () => {
    const { url } = await platform([charged]);
    const store = new CredentialStore({ secretId: 'money-rules', fetchSecret: async () => JSON.stringify(secret) });
    const leaseOf = async (deps: { leaseMarginMs?: number }) => {
      const ledger = new MemoryLedger();
      const input = request();
      const before = Date.now();
      const handler = moneyHandler(chargeByBankAccount, { store: () => store, baseUrl: () => url, ledger: () => ledger, settleMs: () => 0, ...deps });
      await handler(httpEvent(chargeByBankAccount.path, JSON.stringify(input)) as never, lambdaContext(1500) as never);
      // The call's deadline lies within its 1.5 s.
      return record(ledger, input.sequenceId)!.leaseUntil - before;
    };
    const given = await leaseOf({ leaseMarginMs: 200 });
    expect(given).toBeGreaterThan(200);
    expect(given).toBeLessThanOrEqual(1500 + 200 + 50);
    const fallback = await leaseOf({});
    expect(fallback).toBeGreaterThan(5000);
    expect(fallback).toBeLessThanOrEqual(1500 + 5000 + 50);
  });
});
