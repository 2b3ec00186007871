/**
 * The money flow's millisecond boundaries (lib/money/outcome.ts, flow.ts), on a clock the test
 * moves: Date.now() stands still unless a wait of the flow (node:timers/promises, the one way the
 * flow and the retry policy sleep) moves it by exactly that wait, so "exactly this many ms left"
 * and "exactly the settle time after the send" happen when the test says. The platform is a
 * scripted stand-in on 127.0.0.1, as in money-rules.test.ts.
 */
import { chargeByBankAccount } from '../../lib/catalog';
import { callMoneyOperation } from '../../lib/money/flow';
import { MemoryLedger } from '../../lib/money/ledger';
import { learnOutcome } from '../../lib/money/outcome';
import { moneyContext, outcomeContext as context } from '../support/money-context';
import { movedClock, useMovedClock } from '../support/moved-clock';
import { publishedMetrics } from '../support/published-metrics';
import { answer, gatewayFailure, scriptedPlatforms, UNAVAILABLE } from '../support/scripted-platform';

jest.mock('node:timers/promises', () => require('../support/moved-clock').movedTimers());

const START = Date.parse('2026-12-01T03:00:00Z');
useMovedClock(START);

const { platform } = scriptedPlatforms();
/** What outcome.ts keeps from the deadline to store the outcome and answer. */
const LEDGER_WRITE_MARGIN_MS = 300;
const FIRST_POLL_MS = 150;

let counter = 0;
const request = () => ({ sequenceId: `MC-${process.pid}-${(counter += 1)}`, userId: 50000104652, amount: 1000, oneTimeToken: '9461442187322710', dcvv: '366', merchantId: '410195430033901' });

const sought = () => ({ key: request().sequenceId, facts: {}, sentAt: START - 1000 });

describe('the outcome inquiry of a charge whose answer was lost', () => {
  it('started with no time left before the ledger margin asks nothing: "unknown" at once, no inquiry counted or sent', async () => {
    const { url, received } = await platform([answer('000_000', { result: 'COMPLETED' })]);
    let learned: unknown;
    const metrics = await publishedMetrics(async () => (learned = await learnOutcome(chargeByBankAccount, sought(), context(url, LEDGER_WRITE_MARGIN_MS), false)));
    expect(learned).toEqual({ outcome: 'UNKNOWN' });
    expect(metrics).not.toHaveProperty('OutcomeInquiries');
    expect(metrics).not.toHaveProperty('PlatformCalls');
    expect(received).toHaveLength(0);
    expect(Date.now()).toBe(START);
  });

  it('with exactly the next wait left after an ask, answers at once: no wait that no ask could follow', async () => {
    const { url, received } = await platform([answer('000_000', { result: 'PENDING' })]);
    const learned = await learnOutcome(chargeByBankAccount, sought(), context(url, LEDGER_WRITE_MARGIN_MS + FIRST_POLL_MS), false);
    expect(learned).toEqual({ outcome: 'PENDING' });
    expect(received).toHaveLength(1);
    expect(Date.now()).toBe(START);
  });

  it('with more than the next wait left after an ask, waits and asks again', async () => {
    const { url, received } = await platform([answer('000_000', { result: 'PENDING' }), answer('000_000', { result: 'COMPLETED' })]);
    // 300 ms for the first ask; after its 150 ms wait, 300 ms again (the inquiry's own attempt needs 250).
    const learned = await learnOutcome(chargeByBankAccount, sought(), context(url, LEDGER_WRITE_MARGIN_MS + 300 + FIRST_POLL_MS), false);
    expect(learned).toEqual({ outcome: 'COMPLETED' });
    expect(received).toHaveLength(2);
    expect(Date.now()).toBe(START + FIRST_POLL_MS);
  });
});

describe('the outcome inquiry stops', () => {
  it('after exactly maxAsks asks (the sweeper), answering what it heard last', async () => {
    const { url, received } = await platform([answer('000_000', { result: 'PENDING' })]);
    const learned = await learnOutcome(chargeByBankAccount, sought(), { ...context(url, 60_000), maxAsks: 2 }, true);
    expect(learned).toEqual({ outcome: 'PENDING' });
    expect(received).toHaveLength(2);
  });

  it('near the deadline, answering the last word heard (PENDING) though the later asks got no answer', async () => {
    const { url, received } = await platform([answer('000_000', { result: 'PENDING' }), UNAVAILABLE]);
    const learned = await learnOutcome(chargeByBankAccount, sought(), context(url, 3000), true);
    expect(learned).toEqual({ outcome: 'PENDING' });
    expect(received.length).toBeGreaterThan(1);
  });

  it('when the inquiry is refused, answering what it heard before (PENDING)', async () => {
    const { url, received } = await platform([answer('000_000', { result: 'PENDING' }), answer('000_002')]);
    const learned = await learnOutcome(chargeByBankAccount, sought(), context(url, 60_000), true);
    expect(learned).toEqual({ outcome: 'PENDING' });
    expect(received).toHaveLength(2);
  });
});

describe('a charge asked again after its answer was lost', () => {
  const SETTLE_MS = 60_000;
  const unknownSequenceId = answer('007_102');

  it('is settled exactly the settle time after it was sent: a millisecond before, "no such sequenceId" proves nothing; then it proves it never arrived', async () => {
    const { url, received } = await platform([UNAVAILABLE, unknownSequenceId]);
    const ledger = new MemoryLedger();
    const input = request();
    const id = `chargeByBankAccount#${input.sequenceId}`;
    expect((await gatewayFailure(callMoneyOperation(chargeByBankAccount, input, moneyContext(url, 2000, ledger, SETTLE_MS)))).kind).toBe('outcome_unknown');
    const sentAt = ledger.records.get(id)!.sentAt;
    expect(sentAt).toBe(START);

    movedClock.now = sentAt + SETTLE_MS - 1;
    const early = await gatewayFailure(callMoneyOperation(chargeByBankAccount, input, moneyContext(url, 2000, ledger, SETTLE_MS)));
    expect(early.kind).toBe('outcome_unknown');
    expect(ledger.records.get(id)).toMatchObject({ state: 'UNKNOWN' });

    movedClock.now = sentAt + SETTLE_MS;
    const asked = received.length;
    const settled = await gatewayFailure(callMoneyOperation(chargeByBankAccount, input, moneyContext(url, 2000, ledger, SETTLE_MS)));
    expect(settled.kind).toBe('rejected');
    expect(settled.message).toBe(`chargeByBankAccount ${input.sequenceId} did not take effect: the platform has no record of it`);
    expect(received).toHaveLength(asked + 1);
    expect(ledger.records.get(id)).toMatchObject({ state: 'DONE' });
    expect(received.filter((r) => 'oneTimeToken' in JSON.parse(r.body))).toHaveLength(1);
  });
});
