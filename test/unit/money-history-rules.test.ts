/**
 * The rules of the money requests whose lost answer is learned from the card's transaction history
 * (lib/money/flow.ts, outcome.ts; protocol.md §7.2): card payments, their cancels and balance
 * refunds, for which the platform offers no result inquiry. One rule at a time, against a scripted
 * platform on 127.0.0.1 and the in-memory ledger, on the clock the test moves (../support/moved-clock):
 * the card's lock, the history read before sending and the rows seen there, the exact search after
 * a lost answer (the window's edges to the second), one row → COMPLETED, two → never a guess, none →
 * "did not happen" only once settled, a refused search, a key the platform already knows, and what
 * the settlement hands on. money-payments.test.ts runs the same flows against the sandbox.
 */
import {
  cancelChargeByBankAccount, cardBalanceRefund, cardList, cardTransactionHistory, chargeByBankAccount, chargeResultInquiry, paymentApprove, paymentCancel,
} from '../../lib/catalog';
import { parseCredentials } from '../../lib/credentials';
import { GatewayError } from '../../lib/errors';
import { callMoneyOperation, platformRequest, reopen, type Settlement } from '../../lib/money/flow';
import { MemoryLedger } from '../../lib/money/ledger';
import { moneyContext, moneySecret } from '../support/money-context';
import { movedClock, useMovedClock } from '../support/moved-clock';
import { publishedMetrics } from '../support/published-metrics';
import { answer, gatewayFailure as failure, scriptedPlatforms, UNAVAILABLE, type Received, type Step } from '../support/scripted-platform';

jest.mock('node:timers/promises', () => require('../support/moved-clock').movedTimers());

/** 00:02:00 on 2 December in Korea: five minutes either side cross the Korean midnight. */
const START = Date.parse('2026-12-01T15:02:00Z');
useMovedClock(START);

const SETTLE_MS = 60_000;
/** How far the platform's clock may stand from ours: the search window's margin either side. */
const SKEW_MS = 5 * 60_000;
const SECOND = 1000;
const PAR = 'V00100130253512345678901234';
const MEMBER = 50000104652;
const MERCHANT = '410195430033901';
const CARD_NO = '9491339401250765';
const HISTORY_PATH = `/open-api${cardTransactionHistory.path}`;
const PAYMENT_PATH = `/open-api${paymentApprove.path}`;
const REFUND_PATH = `/open-api${cardBalanceRefund.path}`;
/** The first page of a search as the gateway asks it: 100 rows, newest first. */
const FIRST_PAGE = { page: 0, pageSize: 100, sort: 'approvalDateTime', orderByDirection: 'DESC' };

const APPROVED_FIELDS = { cardNo: CARD_NO, balance: 8800, approvalCode: '123456', nrNumber: 'KMN261202000200001', approvalTime: '20261202000200000' };
const APPROVED = answer('000_000', APPROVED_FIELDS);

let counter = 0;
const nextKey = (prefix: string) => `${prefix}-${process.pid}-${(counter += 1)}`;
const payment = (amount = 1200) => ({ transactionId: nextKey('PY'), oneTimeToken: '9461442187322710', dcvv: '366', amount, merchantId: MERCHANT, channel: 'OPENAPI', par: PAR });
const refund = (userId: number = MEMBER) => ({ sequenceId: nextKey('RF'), userId, cardExpiry: '2912', dcvv: '366', oneTimeToken: '9461442187322710', par: PAR });
const cancel = (nrNumber: string, amount = 1200) => ({ cardNo: CARD_NO, amount, nrNumber, merchantId: MERCHANT, channel: 'OPENAPI', par: PAR });

/** yyyyMMddHHmmss on the Korean wall clock, as the history writes approval times. */
const kst = (at: number) => new Date(at + 9 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);

interface RowFacts {
  nrNumber: string;
  at: number;
  trAmount?: number;
  trType?: '00' | '01' | '02';
  authCancelType?: 'AUTH' | 'CANCEL';
  approvalCode?: string;
  balanceAfter?: number;
}

/** A history row (the catalog's transactionInfo): by default a payment of 1200 KRW. */
function row(facts: RowFacts): Record<string, unknown> {
  const amount = facts.trAmount ?? 1200;
  return {
    trType: facts.trType ?? '00', nrNumber: facts.nrNumber, trAmount: amount, orgAmount: amount, approvalCode: facts.approvalCode ?? '654321',
    balanceBefore: 10_000, balanceAfter: facts.balanceAfter ?? 10_000 - amount, merchantName: 'KONA CAFE', authCancelType: facts.authCancelType ?? 'AUTH',
    approvalDateTime: kst(facts.at), discountAmount: 0, usedPointAmount: 0, savedPointAmount: 0, rechargeCancelable: 0,
  };
}

/** One page of the history's answer. */
const page = (rows: Array<Record<string, unknown>>, at = 0, totalPages = 1) =>
  answer('000_000', { pageResponse: { page: at, totalPages, numberOfElements: rows.length }, transactionInfo: rows });

interface Search {
  par?: unknown;
  userId?: unknown;
  startDate: string;
  endDate: string;
  trType: string;
  pageRequest: { page: number; pageSize: number; sort: string; orderByDirection: string };
}

const { platform } = scriptedPlatforms();

/**
 * The stand-in platform of these tests: the card's history answers `history(search, n)` (n: the
 * searches before this one, each reading its pages from page 0; 0 is the read before sending), every
 * other path its `steps` in order (the last one repeats).
 */
function cardPlatform(steps: Step[], history: (search: Search, n: number) => Step) {
  let searches = 0;
  let others = 0;
  return platform((request: Received) => {
    if (request.path !== HISTORY_PATH) return steps[Math.min(others++, steps.length - 1)]!;
    const search = JSON.parse(request.body) as Search;
    if (search.pageRequest.page === 0) searches += 1;
    return history(search, searches - 1);
  });
}

/** The history shows `before` until the request is sent, `after` from then on. */
const beforeAndAfter = (before: Array<Record<string, unknown>>, after: Array<Record<string, unknown>>) =>
  (_search: Search, n: number) => page(n === 0 ? before : after);

const bodiesTo = (received: Received[], path: string) => received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);
const searches = (received: Received[]) => bodiesTo(received, HISTORY_PATH) as unknown as Search[];

const ctx = (url: string, ledger: MemoryLedger, ms = 5000) => moneyContext(url, ms, ledger, SETTLE_MS);
const recordOf = (ledger: MemoryLedger, op: { id: string }, key: string) => ledger.records.get(`${op.id}#${key}`);

/**
 * A record settled as the sweeper settles it (reopen, at `at` on the moved clock): its answer (or the
 * error), and the settlements handed on before it was stored (the sweeper's events).
 */
async function swept(op: Parameters<typeof reopen>[0], key: string, url: string, ledger: MemoryLedger, at = START + SETTLE_MS) {
  const handed: Settlement[] = [];
  movedClock.now = at;
  const settled = await reopen(op, key, { ...ctx(url, ledger), beforeFinal: async (settlement) => void handed.push(settlement) }).catch((error: unknown) => error);
  return { settled, handed };
}

type Write = 'markSent' | 'finish' | 'hold' | 'handOver' | 'letGo';

/**
 * The in-memory ledger with what happens between two steps of a call: `before[write]` runs once,
 * just before the next write of that kind (DynamoDB failing, another call taking the record over,
 * a holder letting go of a lock); every lock write is noted in `lockWrites`, every record taken
 * over in `takenOver`.
 */
class InterleavedLedger extends MemoryLedger {
  readonly before: Partial<Record<Write, () => Promise<unknown>>> = {};
  readonly lockWrites: string[] = [];
  readonly takenOver: string[] = [];
  private async interleave(write: Write) {
    const run = this.before[write];
    delete this.before[write];
    await run?.();
  }
  override async markSent(id: string, owner: string, sentAt: number, facts?: string) {
    await this.interleave('markSent');
    return super.markSent(id, owner, sentAt, facts);
  }
  override async takeOver(id: string, owner: string, leaseUntil: number, now: number) {
    this.takenOver.push(id);
    return super.takeOver(id, owner, leaseUntil, now);
  }
  override async finish(id: string, owner: string, state: Parameters<MemoryLedger['finish']>[2], result?: string) {
    await this.interleave('finish');
    return super.finish(id, owner, state, result);
  }
  override async hold(lockId: string, holder: string) {
    this.lockWrites.push(`hold ${lockId}`);
    await this.interleave('hold');
    return super.hold(lockId, holder);
  }
  override async handOver(lockId: string, from: string, to: string) {
    this.lockWrites.push(`handOver ${lockId}`);
    await this.interleave('handOver');
    return super.handOver(lockId, from, to);
  }
  override async letGo(lockId: string, holder: string) {
    this.lockWrites.push(`letGo ${lockId}`);
    await this.interleave('letGo');
    return super.letGo(lockId, holder);
  }
}

const unavailable = async () => {
  throw new Error('the ledger table is unavailable');
};

describe('a card payment the platform answers', () => {
  it('is sent once, without the gateway-only par, after one read of the card\'s history; answered with its fields, transactionId and COMPLETED; the ledger keeps par, amount, merchant and the rows seen before, the card number to its last 4, and lets go of the card\'s lock', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => page([]));
    const ledger = new MemoryLedger();
    const input = payment();
    const done = await callMoneyOperation(paymentApprove, input, ctx(url, ledger));
    expect(done).toEqual({ data: { ...APPROVED_FIELDS, transactionId: input.transactionId, outcome: 'COMPLETED' }, correlationId: expect.any(String), status: 200 });
    expect(received.map((r) => r.path)).toEqual([HISTORY_PATH, PAYMENT_PATH]);
    const { par: _gatewayOnly, ...sent } = input;
    expect(bodiesTo(received, PAYMENT_PATH)).toEqual([sent]);
    const record = recordOf(ledger, paymentApprove, input.transactionId)!;
    expect(record.state).toBe('DONE');
    expect(JSON.parse(record.facts!)).toEqual({ par: PAR, amount: 1200, merchantId: MERCHANT, seenBefore: [] });
    expect(record.result).not.toContain(CARD_NO);
    expect(JSON.parse(record.result!).data.cardNo).toBe('************0765');
    expect(ledger.locks.size).toBe(0);
  });

  it('reads the history before sending exactly so: the card, no userId it was not given, the Korean dates 5 minutes either side of now (here across midnight), payments only, 100 rows a page newest first', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => page([]));
    await callMoneyOperation(paymentApprove, payment(), ctx(url, new MemoryLedger()));
    expect(searches(received)).toEqual([{ par: PAR, startDate: '20261201', endDate: '20261202', trType: '00', pageRequest: FIRST_PAGE }]);
  });

  it('keeps as seen before the rows already there that could pass for it: a payment of its amount within 5 minutes either side of now, the edges included', async () => {
    const before = [
      row({ nrNumber: 'EDGE-EARLY', at: START - SKEW_MS }),
      row({ nrNumber: 'EDGE-LATE', at: START + SKEW_MS }),
      row({ nrNumber: 'TOO-EARLY', at: START - SKEW_MS - SECOND }),
      row({ nrNumber: 'TOO-LATE', at: START + SKEW_MS + SECOND }),
      row({ nrNumber: 'OTHER-AMOUNT', at: START, trAmount: 1300 }),
      row({ nrNumber: 'A-CANCEL', at: START, authCancelType: 'CANCEL' }),
      row({ nrNumber: 'A-REFUND', at: START, trType: '02' }),
    ];
    const { url } = await cardPlatform([APPROVED], beforeAndAfter(before, []));
    const ledger = new MemoryLedger();
    const input = payment();
    await callMoneyOperation(paymentApprove, input, ctx(url, ledger));
    expect(JSON.parse(recordOf(ledger, paymentApprove, input.transactionId)!.facts!).seenBefore).toEqual(['EDGE-EARLY', 'EDGE-LATE']);
  });

  it('takes no card lock for the operations learned by an inquiry (a charge): answered, refused or never sent, no lock is written', async () => {
    const { url } = await cardPlatform([answer('000_000', { isPending: false, nrNumber: 'NR-1' }), answer('007_003')], () => page([]));
    const ledger = new InterleavedLedger();
    const charge = () => ({ sequenceId: nextKey('CH'), userId: MEMBER, amount: 1000, oneTimeToken: '9461442187322710', dcvv: '366', merchantId: MERCHANT });
    await callMoneyOperation(chargeByBankAccount, charge(), ctx(url, ledger));
    expect((await failure(callMoneyOperation(chargeByBankAccount, charge(), ctx(url, ledger)))).kind).toBe('rejected');
    // A base URL the gateway refuses: nothing sent, the claim released.
    expect((await failure(callMoneyOperation(chargeByBankAccount, charge(), ctx('http://konaplate.example/open-api', ledger)))).kind).toBe('configuration');
    expect(ledger.lockWrites).toEqual([]);
  });
});

describe('a card payment whose answer is lost (5xx)', () => {
  it('is found in the card\'s history: one new row of its amount is it, COMPLETED with the row\'s nrNumber, approval code and balance; sent once, DONE, the lock let go', async () => {
    const found = row({ nrNumber: 'KMN261202000200009', at: START + 2 * SECOND, approvalCode: '777777', balanceAfter: 4321 });
    const { url, received } = await cardPlatform([UNAVAILABLE], beforeAndAfter([], [found]));
    const ledger = new MemoryLedger();
    const input = payment();
    const done = await callMoneyOperation(paymentApprove, input, ctx(url, ledger));
    expect(done).toEqual({ data: { nrNumber: 'KMN261202000200009', approvalCode: '777777', balance: 4321, transactionId: input.transactionId, outcome: 'COMPLETED' }, correlationId: '', status: 200 });
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(1);
    // The search after sending: [sent − 5 min, sent + settle time + 5 min], Korean dates.
    expect(searches(received)).toEqual([
      { par: PAR, startDate: '20261201', endDate: '20261202', trType: '00', pageRequest: FIRST_PAGE },
      { par: PAR, startDate: '20261201', endDate: '20261202', trType: '00', pageRequest: FIRST_PAGE },
    ]);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'DONE' });
    expect(ledger.locks.size).toBe(0);
  });

  // Rows of another type, a cancel, another amount, rows just outside the window and the row seen
  // before sending are never it.
  const noise = (sentAt: number) => [
    row({ nrNumber: 'SEEN', at: sentAt - 60 * SECOND }),
    row({ nrNumber: 'A-REFUND', at: sentAt, trType: '02' }),
    row({ nrNumber: 'A-CANCEL', at: sentAt, authCancelType: 'CANCEL' }),
    row({ nrNumber: 'OTHER-AMOUNT', at: sentAt, trAmount: 1300 }),
    row({ nrNumber: 'TOO-EARLY', at: sentAt - SKEW_MS - SECOND }),
    row({ nrNumber: 'TOO-LATE', at: sentAt + SETTLE_MS + SKEW_MS + SECOND }),
  ];

  it.each([
    ['approved 5 minutes before it was sent (the platform\'s clock behind)', -SKEW_MS],
    ['approved the settle time and 5 minutes after it was sent (the platform\'s clock ahead)', SETTLE_MS + SKEW_MS],
  ])('counts a row %s, at the window\'s edge; every row that is not it is left out', async (_edge, offset) => {
    const { url } = await cardPlatform([UNAVAILABLE], beforeAndAfter([row({ nrNumber: 'SEEN', at: START - 60 * SECOND })], [...noise(START), row({ nrNumber: 'AT-THE-EDGE', at: START + offset })]));
    const ledger = new MemoryLedger();
    const done = await callMoneyOperation(paymentApprove, payment(), ctx(url, ledger));
    expect(done.data).toMatchObject({ nrNumber: 'AT-THE-EDGE', outcome: 'COMPLETED' });
  });

  it('with two new rows that could be it is "outcome unknown", never a guess, asked no further; still so once settled; never sent again', async () => {
    const twins = [row({ nrNumber: 'TWIN-1', at: START + SECOND }), row({ nrNumber: 'TWIN-2', at: START + 3 * SECOND })];
    const { url, received } = await cardPlatform([UNAVAILABLE], beforeAndAfter([], twins));
    const ledger = new MemoryLedger();
    const input = payment();
    const error = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(error).toMatchObject({ kind: 'outcome_unknown', delivery: 'maybe-sent', details: { transactionId: input.transactionId } });
    expect(error.message).toBe(`paymentApprove ${input.transactionId}: outcome not known yet (more than one transaction of the card could be it); call again with the same transactionId`);
    expect(searches(received)).toHaveLength(2);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'UNKNOWN' });

    movedClock.now = START + SETTLE_MS;
    const again = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(again.message).toMatch(/more than one transaction of the card could be it/);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'UNKNOWN' });
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(1);
  });

  it('with no row yet is "outcome unknown" (the card\'s lock kept), asking until the deadline nears; from exactly the settle time after sending, none proves it never happened: stored, the lock let go, never resent', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE], () => page([]));
    const ledger = new MemoryLedger();
    const input = payment();
    const id = `paymentApprove#${input.transactionId}`;
    const error = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(error.message).toBe(`paymentApprove ${input.transactionId}: outcome not known yet (the platform has not confirmed it); call again with the same transactionId`);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'UNKNOWN', sentAt: START });
    expect([...ledger.locks.values()]).toEqual([id]);
    // Asked at 0, 150, 450, 1050, 2050, 3050 and 4050 ms of a 5 s deadline, 300 ms kept to answer.
    expect(searches(received)).toHaveLength(1 + 7);

    movedClock.now = START + SETTLE_MS - 1;
    expect((await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)))).kind).toBe('outcome_unknown');

    movedClock.now = START + SETTLE_MS;
    const asked = received.length;
    const settled = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(settled).toMatchObject({ kind: 'rejected', delivery: 'refused', details: { transactionId: input.transactionId } });
    expect(settled.message).toBe(`paymentApprove ${input.transactionId} did not take effect: the platform has no record of it`);
    expect(received).toHaveLength(asked + 1);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'DONE' });
    expect(ledger.locks.size).toBe(0);
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(1);
  });

  it('reads every page of the history up to the last (the row on the third found), each search counted', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE], (search, n) => {
      const at = search.pageRequest.page;
      return page(n > 0 && at === 2 ? [row({ nrNumber: 'ON-PAGE-3', at: START })] : [], at, 3);
    });
    let done: Awaited<ReturnType<typeof callMoneyOperation>> | undefined;
    const metrics = await publishedMetrics(async () => (done = await callMoneyOperation(paymentApprove, payment(), ctx(url, new MemoryLedger()))));
    expect(done?.data).toMatchObject({ nrNumber: 'ON-PAGE-3' });
    expect(searches(received).map((search) => search.pageRequest)).toEqual([0, 1, 2, 0, 1, 2].map((at) => ({ ...FIRST_PAGE, page: at })));
    expect(metrics).toMatchObject({ OutcomeInquiries: [1, 1, 1, 1, 1, 1] });
  });

  it('reads 10 pages at most per search: a row on the 11th is never seen', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE], (search, n) => {
      const at = search.pageRequest.page;
      return page(n > 0 && at === 10 ? [row({ nrNumber: 'ON-PAGE-11', at: START })] : [], at, 12);
    });
    const error = await failure(callMoneyOperation(paymentApprove, payment(), ctx(url, new MemoryLedger(), 1000)));
    expect(error.kind).toBe('outcome_unknown');
    // The read before sending, then the searches at 0, 150 and 450 ms of the 1 s: pages 0 to 9 each.
    const tenPages = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(searches(received).map((search) => search.pageRequest.page)).toEqual([...tenPages, ...tenPages, ...tenPages, ...tenPages]);
  });

  it('reads one page when the answer says nothing of pages', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE], (_search, n) => answer('000_000', { transactionInfo: n > 0 ? [row({ nrNumber: 'ONLY-PAGE', at: START })] : [] }));
    const done = await callMoneyOperation(paymentApprove, payment(), ctx(url, new MemoryLedger()));
    expect(done.data).toMatchObject({ nrNumber: 'ONLY-PAGE' });
    expect(searches(received)).toHaveLength(2);
  });

  it('takes a history answer without its list of transactions (platform drift) as no row: "outcome unknown", never a failure of the gateway', async () => {
    const { url } = await cardPlatform([UNAVAILABLE], (_search, n) => (n === 0 ? page([]) : answer('000_000', { pageResponse: { page: 0, totalPages: 1, numberOfElements: 0 } })));
    const ledger = new MemoryLedger();
    const input = payment();
    expect((await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)))).kind).toBe('outcome_unknown');
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('gives each search only the time before the last 300 ms, kept to store the outcome: with 100 ms left there, one attempt and no retry', async () => {
    // 400 ms: the payment's 5xx takes none of it (the clock stands), so 100 ms are left before the margin.
    const { url, received } = await cardPlatform([UNAVAILABLE], (_search, n) => (n === 0 ? page([]) : UNAVAILABLE));
    expect((await failure(callMoneyOperation(paymentApprove, payment(), ctx(url, new MemoryLedger(), 400)))).kind).toBe('outcome_unknown');
    expect(searches(received)).toHaveLength(1 + 1);
  });

  it('keeps asking while the search itself gets no answer (5xx), and the row found then counts', async () => {
    let failing = 3;
    const { url } = await cardPlatform([UNAVAILABLE], (_search, n) => (n > 0 && failing-- > 0 ? UNAVAILABLE : page(n > 0 ? [row({ nrNumber: 'FOUND-LATER', at: START })] : [])));
    const done = await callMoneyOperation(paymentApprove, payment(), ctx(url, new MemoryLedger()));
    expect(done.data).toMatchObject({ nrNumber: 'FOUND-LATER', outcome: 'COMPLETED' });
  });

  it('with the search refused (the card unknown, 003_021) stops asking: "outcome unknown", never "did not happen", even once settled', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE], (_search, n) => (n === 0 ? page([]) : answer('003_021')));
    const ledger = new MemoryLedger();
    const input = payment();
    expect((await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)))).kind).toBe('outcome_unknown');
    expect(searches(received)).toHaveLength(2);
    movedClock.now = START + SETTLE_MS;
    expect((await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)))).kind).toBe('outcome_unknown');
    expect(searches(received)).toHaveLength(3);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('whose record names no card is never searched: "outcome unknown" at once, nothing asked', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => page([]));
    const ledger = new MemoryLedger();
    const key = nextKey('PY');
    const id = `paymentApprove#${key}`;
    // A record kept without its card (written before payments kept one): sent, outcome unknown.
    await ledger.claim({ id, requestHash: 'h', owner: 'first', leaseUntil: START + 5000, facts: JSON.stringify({ amount: 1200 }) });
    await ledger.markSent(id, 'first', START - SETTLE_MS);
    await ledger.finish(id, 'first', 'UNKNOWN');
    const error = await failure(reopen(paymentApprove, key, ctx(url, ledger)));
    expect(error).toMatchObject({ kind: 'outcome_unknown', details: { transactionId: key } });
    expect(received).toHaveLength(0);
    expect(Date.now()).toBe(START);
  });

  it('asked again with a search Node refuses to send (a line break in a secret value) fails as that error, never as "outcome unknown"', async () => {
    const { url } = await cardPlatform([UNAVAILABLE], () => page([]));
    const ledger = new MemoryLedger();
    const input = payment();
    await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    const broken = { ...ctx(url, ledger), credentials: { ...parseCredentials(JSON.stringify(moneySecret), 'money-history-rules'), accessKey: 'access\nkey' } };
    const error = await reopen(paymentApprove, input.transactionId, broken).catch((caught: unknown) => caught);
    // A defect of the gateway's own, shown as such: not hidden behind the platform's silence.
    expect(error).not.toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_CHAR' });
  });
});

describe('a card balance refund', () => {
  it('is searched with the member\'s userId when it fits the history\'s bound (15 digits), without it when it does not; refunds only (02); sent without par', async () => {
    const { url, received } = await cardPlatform([answer('000_000', { nrNumber: 'KMN261202000200077' })], () => page([]));
    const fits = refund(999_999_999_999_999);
    await callMoneyOperation(cardBalanceRefund, fits, ctx(url, new MemoryLedger()));
    await callMoneyOperation(cardBalanceRefund, refund(1_000_000_000_000_000), ctx(url, new MemoryLedger()));
    expect(searches(received)).toEqual([
      { par: PAR, userId: 999_999_999_999_999, startDate: '20261201', endDate: '20261202', trType: '02', pageRequest: FIRST_PAGE },
      { par: PAR, startDate: '20261201', endDate: '20261202', trType: '02', pageRequest: FIRST_PAGE },
    ]);
    const { par: _gatewayOnly, ...sent } = fits;
    expect(bodiesTo(received, REFUND_PATH)[0]).toEqual(sent);
  });

  it('lost, is the one new refund row of the card whatever its amount: COMPLETED with its nrNumber; what the settlement hands on carries the row\'s amount and time', async () => {
    const approvedAt = START + 4 * SECOND;
    const { url } = await cardPlatform([UNAVAILABLE], (_search, n) => page(n <= 7 ? [] : [row({ nrNumber: 'KMN261202000200078', at: approvedAt, trType: '02', trAmount: 43_210 })]));
    const ledger = new MemoryLedger();
    const input = refund();
    // The caller's call: nothing in the history yet (7 searches after sending).
    expect((await failure(callMoneyOperation(cardBalanceRefund, input, ctx(url, ledger)))).kind).toBe('outcome_unknown');
    const { settled, handed } = await swept(cardBalanceRefund, input.sequenceId, url, ledger, START + 30 * SECOND);
    const data = { nrNumber: 'KMN261202000200078', sequenceId: input.sequenceId, outcome: 'COMPLETED' };
    expect(settled).toEqual({ data, correlationId: '', status: 200 });
    expect(handed).toEqual([{ op: cardBalanceRefund, key: input.sequenceId, facts: { userId: MEMBER, par: PAR, seenBefore: [] }, outcome: 'COMPLETED', data, amount: 43_210, occurredAt: approvedAt }]);
  });

  it('that did not happen hands on no amount: a refund names none', async () => {
    const { url } = await cardPlatform([UNAVAILABLE], () => page([]));
    const ledger = new MemoryLedger();
    const input = refund();
    await failure(callMoneyOperation(cardBalanceRefund, input, ctx(url, ledger)));
    const { settled, handed } = await swept(cardBalanceRefund, input.sequenceId, url, ledger);
    expect(settled).toMatchObject({ kind: 'rejected' });
    expect(handed).toEqual([{ op: cardBalanceRefund, key: input.sequenceId, facts: { userId: MEMBER, par: PAR, seenBefore: [] }, outcome: 'FAILED', data: {} }]);
    expect(handed[0]).not.toHaveProperty('amount');
    expect(handed[0]).not.toHaveProperty('occurredAt');
  });
});

describe('what a settlement hands on (the sweeper\'s event)', () => {
  it('a payment that did not happen: the request\'s own amount, no time', async () => {
    const { url } = await cardPlatform([UNAVAILABLE], () => page([]));
    const ledger = new MemoryLedger();
    const input = payment(2500);
    await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    const { settled, handed } = await swept(paymentApprove, input.transactionId, url, ledger);
    expect(settled).toMatchObject({ kind: 'rejected' });
    expect(handed).toEqual([{ op: paymentApprove, key: input.transactionId, facts: { par: PAR, amount: 2500, merchantId: MERCHANT, seenBefore: [] }, outcome: 'FAILED', data: {}, amount: 2500 }]);
  });

  it('a charge that did not happen: its amount; a charge cancel, which names none: no amount', async () => {
    // Both sent into a 5xx; their inquiry never knows the sequenceId.
    const { url } = await platform((request) => (request.path === `/open-api${chargeResultInquiry.path}` ? answer('007_102') : UNAVAILABLE));
    const ledger = new MemoryLedger();
    const charge = { sequenceId: nextKey('CH'), userId: MEMBER, amount: 3000, oneTimeToken: '9461442187322710', dcvv: '366', merchantId: MERCHANT };
    const chargeCancel = { sequenceId: nextKey('CC'), userId: MEMBER, nrNumber: 'KMN261201000000003', oneTimeToken: '9461442187322710', dcvv: '366', cardExpiry: '2912' };
    await failure(callMoneyOperation(chargeByBankAccount, charge, ctx(url, ledger, 1000)));
    await failure(callMoneyOperation(cancelChargeByBankAccount, chargeCancel, ctx(url, ledger, 1000)));
    // Both settled by then (their asks moved the clock on).
    const later = Date.now() + SETTLE_MS;
    const { handed: ofCharge } = await swept(chargeByBankAccount, charge.sequenceId, url, ledger, later);
    const { handed: ofCancel } = await swept(cancelChargeByBankAccount, chargeCancel.sequenceId, url, ledger, later);
    expect(ofCharge).toMatchObject([{ outcome: 'FAILED', amount: 3000 }]);
    expect(ofCancel).toMatchObject([{ outcome: 'FAILED' }]);
    expect(ofCancel[0]).not.toHaveProperty('amount');
  });
});

describe('one open request per card, type and amount (the card\'s lock)', () => {
  it.each([
    ['a second payment of the same amount', paymentApprove, () => payment(), 'transactionId', ' for the same amount'],
    ['a second refund of the card (a refund names no amount)', cardBalanceRefund, () => refund(), 'sequenceId', ''],
  ] as const)('%s while the first is unknown and not yet settled: 409 naming the first, nothing sent (not even the history read), its claim released, the lock still the first\'s', async (_what, op, request, keyField, sameAmount) => {
    const { url, received } = await cardPlatform([UNAVAILABLE], () => page([]));
    const ledger = new MemoryLedger();
    const [first, second] = [request(), request()];
    const [firstKey, secondKey] = [first, second].map((input) => String((input as Record<string, unknown>)[keyField]));
    await failure(callMoneyOperation(op, first, ctx(url, ledger)));
    const sent = received.length;
    movedClock.now = START + SETTLE_MS - 1;
    const error = await failure(callMoneyOperation(op, second, ctx(url, ledger)));
    expect(error).toMatchObject({ kind: 'conflict', delivery: 'refused', details: { [keyField]: secondKey } });
    expect(error.message).toBe(`${op.id} ${secondKey}: an earlier ${op.id} of this card${sameAmount} (${keyField} ${firstKey}) is not settled yet, and the card's history could not tell the two apart; nothing was sent, ask again shortly`);
    expect(received).toHaveLength(sent);
    expect(recordOf(ledger, op, secondKey!)).toBeUndefined();
    expect([...ledger.locks.values()]).toEqual([`${op.id}#${firstKey}`]);
  });

  it('holds up no payment of another amount, and no cancel of a payment of the same amount', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE, APPROVED, answer('000_000')], () => page([]));
    const ledger = new MemoryLedger();
    await failure(callMoneyOperation(paymentApprove, payment(1200), ctx(url, ledger)));
    expect(await callMoneyOperation(paymentApprove, payment(1300), ctx(url, ledger))).toMatchObject({ status: 200 });
    expect(await callMoneyOperation(paymentCancel, cancel('KMN261201000000042', 1200), ctx(url, ledger))).toMatchObject({ data: { nrNumber: 'KMN261201000000042', outcome: 'COMPLETED' } });
    expect(received.filter((r) => r.path !== HISTORY_PATH)).toHaveLength(3);
  });

  it('an earlier payment past its settle time is settled first (not found: it did not happen), then the second is sent', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE, APPROVED], () => page([]));
    const ledger = new MemoryLedger();
    const first = payment();
    await failure(callMoneyOperation(paymentApprove, first, ctx(url, ledger)));
    movedClock.now = START + SETTLE_MS;
    const second = payment();
    const handed: Settlement[] = [];
    const done = await callMoneyOperation(paymentApprove, second, { ...ctx(url, ledger), beforeFinal: async (settlement) => void handed.push(settlement) });
    expect(done).toMatchObject({ data: { transactionId: second.transactionId, outcome: 'COMPLETED' } });
    // The earlier one is stored as never happened, and replayed so; no settlement of it is handed on from here.
    expect(recordOf(ledger, paymentApprove, first.transactionId)).toMatchObject({ state: 'DONE' });
    expect((await failure(callMoneyOperation(paymentApprove, first, ctx(url, ledger)))).message).toMatch(/did not take effect: the platform has no record of it/);
    expect(handed).toEqual([]);
    expect(bodiesTo(received, PAYMENT_PATH).map((body) => body.transactionId)).toEqual([first.transactionId, second.transactionId]);
    expect(ledger.locks.size).toBe(0);
  });

  it('an earlier payment that cannot be settled now (its search unanswered) gets 2 s of the time per try, two tries: then 409, nothing sent, the earlier still UNKNOWN', async () => {
    const { url, received } = await cardPlatform([UNAVAILABLE], (_search, n) => (n === 0 ? page([]) : UNAVAILABLE));
    const ledger = new MemoryLedger();
    const first = payment();
    await failure(callMoneyOperation(paymentApprove, first, ctx(url, ledger, 1000)));
    movedClock.now = START + SETTLE_MS;
    const sent = bodiesTo(received, PAYMENT_PATH).length;
    const second = payment();
    const error = await failure(callMoneyOperation(paymentApprove, second, ctx(url, ledger, 10_000)));
    expect(error.message).toMatch(/an earlier paymentApprove of this card for the same amount .* is not settled yet/);
    // Each try: asked at 0, 150, 450 and 1050 ms, until 300 ms before its 2 s.
    expect(Date.now() - (START + SETTLE_MS)).toBe(2 * 1050);
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(sent);
    expect(recordOf(ledger, paymentApprove, first.transactionId)).toMatchObject({ state: 'UNKNOWN' });
    expect(recordOf(ledger, paymentApprove, second.transactionId)).toBeUndefined();
  });

  describe('left behind by a failure of the ledger', () => {
    it('a payment whose call died before sending (never marked sent): untouched while its lease runs; once it is over, settled as never sent without asking, then the second is sent', async () => {
      const { url, received } = await cardPlatform([APPROVED], () => page([]));
      const ledger = new InterleavedLedger();
      const first = payment();
      ledger.before.markSent = unavailable;
      await expect(callMoneyOperation(paymentApprove, first, ctx(url, ledger))).rejects.toThrow('the ledger table is unavailable');
      const { leaseUntil } = recordOf(ledger, paymentApprove, first.transactionId)!;
      const second = payment();

      // Until its lease is over, the first is not even tried: its record is not touched.
      movedClock.now = leaseUntil;
      expect((await failure(callMoneyOperation(paymentApprove, second, ctx(url, ledger)))).kind).toBe('conflict');
      expect(ledger.takenOver).toEqual([]);

      movedClock.now = leaseUntil + 1;
      const searched = searches(received).length;
      expect(await callMoneyOperation(paymentApprove, second, ctx(url, ledger))).toMatchObject({ data: { transactionId: second.transactionId } });
      // One search: the second's own read before sending; the first was settled without asking.
      expect(searches(received)).toHaveLength(searched + 1);
      expect(bodiesTo(received, PAYMENT_PATH).map((body) => body.transactionId)).toEqual([second.transactionId]);
      expect((await failure(callMoneyOperation(paymentApprove, first, ctx(url, ledger)))).message).toMatch(/has no record of it/);
    });

    it.each([
      ['stored as done', APPROVED, 'DONE'],
      ['released, never sent (its history read refused)', answer('003_021'), undefined],
    ] as const)('a lock whose payment, %s, never let go of it is handed to the next payment of the amount, which lets go of it in turn', async (_how, firstStep, firstState) => {
      const { url, received } = await cardPlatform([APPROVED], (_search, n) => (n === 0 ? firstStep : page([])));
      const ledger = new InterleavedLedger();
      const first = payment();
      ledger.before.letGo = unavailable;
      await callMoneyOperation(paymentApprove, first, ctx(url, ledger)).catch(() => undefined);
      expect(recordOf(ledger, paymentApprove, first.transactionId)?.state).toBe(firstState);
      expect([...ledger.locks.values()]).toEqual([`paymentApprove#${first.transactionId}`]);
      const second = payment();
      expect(await callMoneyOperation(paymentApprove, second, ctx(url, ledger))).toMatchObject({ data: { transactionId: second.transactionId, outcome: 'COMPLETED' } });
      expect(bodiesTo(received, PAYMENT_PATH).at(-1)).toMatchObject({ transactionId: second.transactionId });
      expect(ledger.locks.size).toBe(0);
    });
  });

  it('a payment whose record another call took over meanwhile (its lease ran out) leaves the card\'s lock to that call', async () => {
    const { url } = await cardPlatform([APPROVED], () => page([]));
    const ledger = new InterleavedLedger();
    const input = payment();
    const id = `paymentApprove#${input.transactionId}`;
    ledger.before.finish = async () => {
      movedClock.now = recordOf(ledger, paymentApprove, input.transactionId)!.leaseUntil + 1;
      await ledger.takeOver(id, 'another call', Date.now() + 10_000, Date.now());
    };
    expect(await callMoneyOperation(paymentApprove, input, ctx(url, ledger))).toMatchObject({ data: { outcome: 'COMPLETED' } });
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'IN_FLIGHT', owner: 'another call' });
    expect([...ledger.locks.values()]).toEqual([id]);
  });

  it('a lock let go while it was being handed over is taken afresh', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => page([]));
    const ledger = new InterleavedLedger();
    const first = payment();
    ledger.before.letGo = unavailable;
    await callMoneyOperation(paymentApprove, first, ctx(url, ledger)).catch(() => undefined);
    // Between the read of the lock's record and the hand-over, its holder lets go of it.
    ledger.before.handOver = () => ledger.letGo([...ledger.locks.keys()][0]!, `paymentApprove#${first.transactionId}`);
    const second = payment();
    expect(await callMoneyOperation(paymentApprove, second, ctx(url, ledger))).toMatchObject({ data: { transactionId: second.transactionId, outcome: 'COMPLETED' } });
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(2);
    expect(ledger.locks.size).toBe(0);
  });
});

describe('before a history-learned request is sent', () => {
  it('a payment whose record another call settled as never sent before it was marked sent (its lease ran out) is never sent: 409, and it stays "did not happen"', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => page([]));
    const ledger = new InterleavedLedger();
    const input = payment();
    ledger.before.markSent = async () => {
      movedClock.now = recordOf(ledger, paymentApprove, input.transactionId)!.leaseUntil + 1;
      await failure(reopen(paymentApprove, input.transactionId, ctx(url, ledger)));
    };
    const error = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(error).toMatchObject({ kind: 'conflict', delivery: 'refused', details: { transactionId: input.transactionId } });
    expect(error.message).toBe(`paymentApprove ${input.transactionId} is being processed by another call; ask again shortly`);
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(0);
    expect((await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)))).message).toMatch(/did not take effect: the platform has no record of it/);
  });

  it('a card the platform will not show (003_021) is the caller\'s 400 naming par, with the platform\'s code; nothing sent, the claim and lock released: the transactionId may be used again', async () => {
    let refusing = true;
    const { url, received } = await cardPlatform([APPROVED], () => (refusing ? answer('003_021') : page([])));
    const ledger = new MemoryLedger();
    const input = payment();
    const error = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(error).toMatchObject({
      kind: 'invalid_request', delivery: 'not-sent',
      details: { field: 'par', rule: 'a card of the project (of the member, when the request names one)', platformCode: '003_021' },
    });
    expect(error.message).toBe('par: the platform would not show this card\'s history (003_021), so a lost answer could not be checked; nothing was sent');
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(0);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toBeUndefined();
    expect(ledger.locks.size).toBe(0);
    refusing = false;
    expect(await callMoneyOperation(paymentApprove, input, ctx(url, ledger))).toMatchObject({ data: { outcome: 'COMPLETED' } });
  });

  it('a history read that gets no answer (5xx) is "unavailable; nothing was sent", the claim released', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => UNAVAILABLE);
    const ledger = new MemoryLedger();
    const input = payment();
    const error = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'not-sent' });
    expect(error.message).toMatch(/; nothing was sent$/);
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(0);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toBeUndefined();
    expect(ledger.locks.size).toBe(0);
  });

  it('a history read slower than its share of the time (30 % of 100 ms left) is given up: nothing sent', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => ({ ...page([]), delayMs: 60 }));
    const ledger = new MemoryLedger();
    const error = await failure(callMoneyOperation(paymentApprove, payment(), ctx(url, ledger, 100)));
    expect(error).toMatchObject({ kind: 'timeout', delivery: 'not-sent' });
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(0);
  });

  it('an error of the gateway\'s own there (a line break in a secret value) fails as that error, the claim released, nothing sent', async () => {
    const { url, received } = await cardPlatform([APPROVED], () => page([]));
    const ledger = new MemoryLedger();
    const input = payment();
    const broken = { ...ctx(url, ledger), credentials: { ...parseCredentials(JSON.stringify(moneySecret), 'money-history-rules'), accessKey: 'access\nkey' } };
    const error = await callMoneyOperation(paymentApprove, input, broken).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(received).toHaveLength(0);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toBeUndefined();
  });
});

describe('a key the platform already knows (a lost ledger)', () => {
  it('a transactionId (006_101) is the one payment of its amount in the card\'s history around now, even one there before sending: COMPLETED with its fields', async () => {
    const known = row({ nrNumber: 'KMN261202000100005', at: START - 60 * SECOND, approvalCode: '121212', balanceAfter: 5000 });
    const { url, received } = await cardPlatform([answer('006_101')], () => page([known]));
    const ledger = new MemoryLedger();
    const input = payment();
    const done = await callMoneyOperation(paymentApprove, input, ctx(url, ledger));
    expect(done).toEqual({ data: { nrNumber: 'KMN261202000100005', approvalCode: '121212', balance: 5000, transactionId: input.transactionId, outcome: 'COMPLETED' }, correlationId: '', status: 200 });
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'DONE' });
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(1);
  });

  it.each([
    ['no row', []],
    ['two rows', [row({ nrNumber: 'TWIN-1', at: START - SECOND }), row({ nrNumber: 'TWIN-2', at: START + SECOND })]],
  ])('with %s of its amount around now, the refusal stands: 409 naming the transactionId and the platform code, stored and replayed, never "did not happen"', async (_rows, rows) => {
    const { url, received } = await cardPlatform([answer('006_101'), APPROVED], () => page(rows));
    const ledger = new MemoryLedger();
    const input = payment();
    const error = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(error).toMatchObject({ kind: 'conflict', delivery: 'refused', details: { platformCode: '006_101', transactionId: input.transactionId } });
    expect(error.message).toBe(`transactionId ${input.transactionId} is already known to the platform and was not found among this card's transactions around now: check the card history before using it again`);
    expect(recordOf(ledger, paymentApprove, input.transactionId)).toMatchObject({ state: 'DONE' });
    expect(ledger.locks.size).toBe(0);
    const replayed = await failure(callMoneyOperation(paymentApprove, input, ctx(url, ledger)));
    expect(replayed).toMatchObject({ kind: 'conflict', message: error.message });
    expect(bodiesTo(received, PAYMENT_PATH)).toHaveLength(1);
  });
});

describe('a payment cancel', () => {
  it('is keyed by the payment\'s nrNumber; lost, it is the one new cancel (00 CANCEL) of its amount in the history: COMPLETED', async () => {
    const cancelled = row({ nrNumber: 'KMN261202000200099', at: START + SECOND, authCancelType: 'CANCEL', trAmount: 5000 });
    const { url, received } = await cardPlatform([UNAVAILABLE], beforeAndAfter([], [row({ nrNumber: 'A-PAYMENT', at: START, trAmount: 5000 }), cancelled]));
    const ledger = new MemoryLedger();
    const done = await callMoneyOperation(paymentCancel, cancel('KMN261201000000007', 5000), ctx(url, ledger));
    expect(done).toEqual({ data: { nrNumber: 'KMN261201000000007', outcome: 'COMPLETED' }, correlationId: '', status: 200 });
    expect(recordOf(ledger, paymentCancel, 'KMN261201000000007')).toMatchObject({ state: 'DONE' });
    expect(searches(received).map((search) => search.trType)).toEqual(['00', '00']);
  });
});

describe('the request sent to the platform', () => {
  it('of an operation with no gateway-only fields (a read, as the conformance command sends it) is the request as given', () => {
    const input = { userId: MEMBER };
    expect(platformRequest(cardList, input)).toBe(input);
    expect(platformRequest(paymentApprove, { par: PAR, amount: 1 })).toEqual({ amount: 1 });
  });
});
