/**
 * Payment operations through the real sandbox server: one-time tokens, bank-account charges and
 * their cancels, result inquiry by sequenceId, card transaction history. The sandbox runs on a
 * clock the tests move, so token expiry and pending charges are exact.
 */
import {
  cancelChargeByBankAccount,
  cardTransactionHistory,
  chargeByBankAccount,
  chargeResultInquiry,
  issueOneTimeToken,
} from '../../lib/catalog';
import { firstViolation } from '../../lib/catalog/validate';
import { chargeByBankAccountBehaviour } from '../../sandbox/behaviours/payment/charge-by-bank-account';
import type { SandboxProject } from '../../sandbox/project/project';
import type { PlatformHandle } from '../../sandbox/platform/server';
import type { CardRecord, Member } from '../../sandbox/books/records';
import { call, codeOf, type CallOptions, type ClientIdentity } from './support/kona-client';
import { HONG, startTestPlatform } from './support/fixtures';

const PAY = {
  token: '/api/v2/payment/generate/onetimetoken',
  charge: '/api/v1/recharges/by-bank-accounts/no-hce',
  cancel: '/api/v1/recharges/by-bank-accounts/no-hce/cancel',
  result: '/api/v1/recharges/by-bank-account/result/inquiry',
  history: '/api/v1/transaction/card',
} as const;

/** Fixture members (sandbox/books/fixtures.ts): 김영희 has normal + auto accounts, 이철수 none. */
const KIM = HONG + 1;
const LEE = HONG + 2;
const MERCHANT = '410195430033901';
/** 2026-11-25 12:00:00 KST. */
const START = Date.UTC(2026, 10, 25, 3, 0, 0);

let platform: PlatformHandle;
let identity: ClientIdentity;
let project: SandboxProject;
let clock = START;

beforeAll(async () => {
  const started = await startTestPlatform({ now: () => clock });
  ({ platform, identity } = started);
  project = started.credentials.project;
});
afterAll(() => platform.close());
beforeEach(() => {
  clock = START;
  platform.reset();
});

const send = (path: string, fields: Record<string, unknown>, options: CallOptions = {}) =>
  call(platform.url, identity, path, fields, { epochMs: clock, ...options });

const member = (userId: number): Member => platform.state.member(BigInt(userId))!;
const mainCard = (userId: number): CardRecord => member(userId).cards[0]!;

interface Token {
  oneTimeToken: string;
  dcvv: string;
  expiryTime: number;
}

async function token(userId = HONG, type?: 'ATM' | 'CREDIT', card = mainCard(userId)): Promise<Token> {
  const answer = await send(PAY.token, { cardNo: card.cardNo, ...(type && { type }) }, { encrypt: true });
  expect(codeOf(answer)).toEqual([200, '000_000']);
  const { oneTimeToken, dcvv, expiryTime } = answer.json as unknown as Token;
  return { oneTimeToken, dcvv, expiryTime };
}

let sequence = 0;
const newSequenceId = () => `T${START}${String(++sequence).padStart(6, '0')}`;

async function charge(userId: number, amount: number, fields: Partial<Record<string, unknown>> = {}) {
  const { oneTimeToken, dcvv } = fields.oneTimeToken ? (fields as unknown as Token) : await token(userId);
  const sequenceId = (fields.sequenceId as string | undefined) ?? newSequenceId();
  const { expiryTime: _expiry, ...rest } = fields;
  const answer = await send(PAY.charge, { sequenceId, userId, amount, oneTimeToken, dcvv, merchantId: MERCHANT, ...rest });
  return { answer, sequenceId, nrNumber: answer.json.nrNumber as string };
}

async function cancel(userId: number, nrNumber: string, fields: Partial<Record<string, unknown>> = {}) {
  const { oneTimeToken, dcvv } = fields.oneTimeToken ? (fields as unknown as Token) : await token(userId);
  const sequenceId = (fields.sequenceId as string | undefined) ?? newSequenceId();
  const cardExpiry = (fields.cardExpiry as string | undefined) ?? mainCard(userId).expiryDate.slice(0, 4);
  const { expiryTime: _expiry, ...rest } = fields;
  const answer = await send(PAY.cancel, { sequenceId, userId, nrNumber, oneTimeToken, dcvv, cardExpiry, ...rest });
  return { answer, sequenceId };
}

async function resultOf(sequenceId: string): Promise<string> {
  const answer = await send(PAY.result, { sequenceId });
  expect(codeOf(answer)).toEqual([200, '000_000']);
  return answer.json.result as string;
}

async function history(userId: number, fields: Record<string, unknown> = {}) {
  return send(PAY.history, { userId, par: mainCard(userId).par, startDate: '20261101', endDate: '20261130', ...fields });
}

describe('issueOneTimeToken', () => {
  it('issues a sealed 16-digit token and 3-digit dCVV, valid 30 s (ATM and CREDIT: 5 min) of the platform clock', async () => {
    const answer = await send(PAY.token, { cardNo: mainCard(HONG).cardNo }, { encrypt: true });
    expect(answer.plaintext).toBeDefined();
    expect(answer.json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      oneTimeToken: expect.stringMatching(/^\d{16}$/),
      dcvv: expect.stringMatching(/^\d{3}$/),
      expiryTime: START + 30_000,
    });
    for (const type of ['ATM', 'CREDIT'] as const) expect((await token(HONG, type)).expiryTime).toBe(START + 300_000);
    const stored = platform.state.payments.token(answer.json.oneTimeToken as string)!;
    expect(stored).toMatchObject({ par: mainCard(HONG).par, userId: BigInt(HONG), issuedAt: START });
  });

  it('accepts the linked physical card number, bound to the mobile card', async () => {
    mainCard(HONG).physicalCardNo = '9410123412341234';
    const answer = await send(PAY.token, { cardNo: '9410123412341234' }, { encrypt: true });
    expect(codeOf(answer)).toEqual([200, '000_000']);
    expect(platform.state.payments.token(answer.json.oneTimeToken as string)?.par).toBe(mainCard(HONG).par);
  });

  it('003_001 for a card number the project does not know, 003_005 for a card not ACTIVE, 001_006 for an inactive owner', async () => {
    expect(codeOf(await send(PAY.token, { cardNo: '9491339499999995' }, { encrypt: true }))).toEqual([400, '003_001']);
    mainCard(HONG).status = 'SUSPENDED';
    expect(codeOf(await send(PAY.token, { cardNo: mainCard(HONG).cardNo }, { encrypt: true }))).toEqual([400, '003_005']);
    member(KIM).status = 'DORMANT';
    expect(codeOf(await send(PAY.token, { cardNo: mainCard(KIM).cardNo }, { encrypt: true }))).toEqual([400, '001_006']);
  });

  it('refuses a request in clear (the card number must travel encrypted)', async () => {
    expect(codeOf(await send(PAY.token, { cardNo: mainCard(HONG).cardNo }))).toEqual([400, '000_108']);
  });
});

describe('chargeByBankAccount', () => {
  it('credits the token\'s card and answers nrNumber, not pending; the inquiry says COMPLETED', async () => {
    const { answer, sequenceId } = await charge(HONG, 10_000);
    expect(answer.json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      nrNumber: expect.stringMatching(/^KMN261125\d{9}$/),
      isPending: false,
    });
    expect(mainCard(HONG).balance).toBe(60_000);
    expect(await resultOf(sequenceId)).toBe('COMPLETED');
    expect(platform.state.payments.charge(sequenceId)).toMatchObject({ result: 'COMPLETED', amount: 10_000, merchantId: MERCHANT, nrNumber: answer.json.nrNumber });
  });

  it('takes a token once, within its validity, with its own dCVV, from its own member (000_002 naming the field)', async () => {
    const first = await token();
    expect(codeOf((await charge(HONG, 1_000, { ...first })).answer)).toEqual([200, '000_000']);
    const reused = await charge(HONG, 1_000, { ...first });
    expect(reused.answer.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: oneTimeToken' });

    const wrongDcvv = await token();
    const otherDcvv = String((Number(wrongDcvv.dcvv) + 1) % 1000).padStart(3, '0');
    expect((await charge(HONG, 1_000, { ...wrongDcvv, dcvv: otherDcvv })).answer.json.response.description).toBe('Invalid input parameter: dcvv');
    // A wrong dCVV does not spend the token.
    expect(codeOf((await charge(HONG, 1_000, { ...wrongDcvv })).answer)).toEqual([200, '000_000']);

    const expiring = await token();
    clock += 30_000;
    expect(codeOf((await charge(HONG, 1_000, { ...expiring })).answer)).toEqual([400, '000_002']);
    const atm = await token(HONG, 'ATM');
    clock += 299_000;
    expect(codeOf((await charge(HONG, 1_000, { ...atm })).answer)).toEqual([200, '000_000']);

    const kims = await token(KIM);
    expect((await charge(HONG, 1_000, { ...kims })).answer.json.response.description).toBe('Invalid input parameter: oneTimeToken');
    expect(mainCard(HONG).balance).toBe(53_000);
    expect(mainCard(KIM).balance).toBe(50_000);
  });

  it('001_006 for an unknown or inactive member', async () => {
    const hongs = await token();
    expect(codeOf((await charge(1, 1_000, { ...hongs })).answer)).toEqual([400, '001_006']);
    member(HONG).status = 'UNREGISTERED';
    expect(codeOf((await charge(HONG, 1_000, { ...hongs })).answer)).toEqual([400, '001_006']);
  });

  it('007_001 without a normal account: nothing charged, the token spent, the charge FAILED', async () => {
    const lees = await token(LEE);
    const { answer, sequenceId } = await charge(LEE, 1_000, { ...lees });
    expect(codeOf(answer)).toEqual([400, '007_001']);
    expect(mainCard(LEE).balance).toBe(50_000);
    expect(await resultOf(sequenceId)).toBe('FAILED');
    expect(platform.state.payments.token(lees.oneTimeToken)?.usedBy).toBe(sequenceId);
  });

  it('007_101 for a sequenceId already used, whatever came of it', async () => {
    const { sequenceId } = await charge(HONG, 1_000);
    expect(codeOf((await charge(HONG, 1_000, { sequenceId })).answer)).toEqual([400, '007_101']);
    const failed = await charge(LEE, 1_000);
    expect(codeOf((await charge(HONG, 1_000, { sequenceId: failed.sequenceId })).answer)).toEqual([400, '007_101']);
    expect(mainCard(HONG).balance).toBe(51_000);
  });

  it('007_003 beyond the card\'s once/day/month limits or its balance cap (500,000 KRW anonymous)', async () => {
    mainCard(HONG).limits = { once: 10_000, day: 15_000, month: 19_999 };
    expect(codeOf((await charge(HONG, 10_001)).answer)).toEqual([400, '007_003']);
    expect(codeOf((await charge(HONG, 10_000)).answer)).toEqual([200, '000_000']);
    expect(codeOf((await charge(HONG, 6_000)).answer)).toEqual([400, '007_003']);
    clock += 24 * 3_600_000;
    expect(codeOf((await charge(HONG, 10_000)).answer)).toEqual([400, '007_003']);
    mainCard(HONG).limits = { once: 0, day: 0, month: 0 };
    expect(codeOf((await charge(HONG, 440_000)).answer)).toEqual([200, '000_000']);
    expect(mainCard(HONG).balance).toBe(500_000);
    const overCap = await charge(HONG, 1_000);
    expect(overCap.answer.json.response).toEqual({ code: '007_003', description: 'Limit exceeded: balance 500000.' });
    expect(mainCard(HONG).balance).toBe(500_000);
  });

  it.each([[7_002, '007_002'], [7_004, '007_004'], [7_006, '007_006']])('magic amount %d is refused with %s', async (amount, code) => {
    const { answer, sequenceId } = await charge(HONG, amount);
    expect(codeOf(answer)).toEqual([400, code]);
    expect(mainCard(HONG).balance).toBe(50_000);
    expect(await resultOf(sequenceId)).toBe('FAILED');
  });

  it('5,005 is pending, holds the amount, blocks other charges (007_005), then completes after the delay', async () => {
    const pending = await charge(HONG, 5_005);
    expect(pending.answer.json).toMatchObject({ isPending: true, nrNumber: expect.stringMatching(/^KMN/) });
    expect(mainCard(HONG)).toMatchObject({ balance: 50_000, pendingAmount: 5_005 });
    expect(await resultOf(pending.sequenceId)).toBe('PENDING');
    const blocked = await charge(HONG, 1_000);
    expect(codeOf(blocked.answer)).toEqual([400, '007_005']);
    expect(await resultOf(blocked.sequenceId)).toBe('FAILED');

    clock += 2_999;
    expect(await resultOf(pending.sequenceId)).toBe('PENDING');
    clock += 1;
    expect(await resultOf(pending.sequenceId)).toBe('COMPLETED');
    expect(mainCard(HONG)).toMatchObject({ balance: 55_005, pendingAmount: 0 });
    expect(codeOf((await charge(HONG, 1_000)).answer)).toEqual([200, '000_000']);
  });

  it('5,004 is pending, then FAILED: nothing credited; the delay follows pendingDelayMs', async () => {
    platform.state.payments.pendingDelayMs = 60_000;
    const pending = await charge(HONG, 5_004);
    expect(pending.answer.json.isPending).toBe(true);
    clock += 59_999;
    expect(await resultOf(pending.sequenceId)).toBe('PENDING');
    clock += 1;
    expect(await resultOf(pending.sequenceId)).toBe('FAILED');
    expect(mainCard(HONG)).toMatchObject({ balance: 50_000, pendingAmount: 0 });
  });

  it('a scheduled pending fault makes an accepted charge pending, settling as the fault says', async () => {
    const origin = platform.url.replace(/\/open-api$/, '');
    const scheduled = await fetch(`${origin}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'chargeByBankAccount', fault: { type: 'pending', then: 'FAILED' } }),
    });
    expect(scheduled.status).toBeLessThan(300);
    const pending = await charge(HONG, 10_000);
    expect(pending.answer.json.isPending).toBe(true);
    expect(mainCard(HONG).pendingAmount).toBe(10_000);
    clock += 3_000;
    expect(await resultOf(pending.sequenceId)).toBe('FAILED');
    expect(mainCard(HONG)).toMatchObject({ balance: 50_000, pendingAmount: 0 });
    expect((await charge(HONG, 10_000)).answer.json.isPending).toBe(false);
  });

  it('007_007 for an amount of 0 (refused by the catalog first, 000_002, by the platform rule behind it) or below 1,000 KRW', async () => {
    const { oneTimeToken, dcvv } = await token();
    const fields = { sequenceId: newSequenceId(), userId: HONG, amount: 0, oneTimeToken, dcvv, merchantId: MERCHANT };
    expect((await send(PAY.charge, fields)).json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: amount' });
    const outcome = await chargeByBankAccountBehaviour.run(fields, { state: platform.state, project, now: () => clock });
    expect(outcome).toEqual({ ok: false, code: '007_007' });
    expect(platform.state.payments.token(oneTimeToken)?.usedAt).toBeUndefined();
    // Below the 1,000 KRW minimum recharge the card list announces, the platform rule answers through the server.
    const small = await send(PAY.charge, { ...fields, amount: 999 });
    expect(small.json.response).toEqual({ code: '007_007', description: 'Charge amount must be at least 1000 KRW.' });
    expect(mainCard(HONG).balance).toBe(50_000);
  });
});

describe('cancelChargeByBankAccount', () => {
  it('reverses the charge: the card is debited, the cancel is COMPLETED under its own sequenceId, once only', async () => {
    const charged = await charge(HONG, 10_000);
    expect(mainCard(HONG).balance).toBe(60_000);
    const cancelled = await cancel(HONG, charged.nrNumber);
    expect(cancelled.answer.json).toEqual({ response: { code: '000_000', description: 'Success.' }, isPending: false });
    expect(mainCard(HONG).balance).toBe(50_000);
    expect(await resultOf(cancelled.sequenceId)).toBe('COMPLETED');
    expect(await resultOf(charged.sequenceId)).toBe('COMPLETED');
    expect(platform.state.payments.charge(charged.sequenceId)?.cancelledBy).toBe(cancelled.sequenceId);

    const again = await cancel(HONG, charged.nrNumber);
    expect(codeOf(again.answer)).toEqual([400, '007_030']);
    expect(await resultOf(again.sequenceId)).toBe('FAILED');
    expect(mainCard(HONG).balance).toBe(50_000);
  });

  it('007_030 when the charged money is spent, the charge is not COMPLETED, or no charge of the member has that nrNumber', async () => {
    const charged = await charge(HONG, 10_000);
    mainCard(HONG).balance = 9_999;
    expect((await cancel(HONG, charged.nrNumber)).answer.json.response).toEqual({ code: '007_030', description: 'The charged amount has already been spent.' });
    expect(mainCard(HONG).balance).toBe(9_999);

    const pending = await charge(KIM, 5_005);
    expect(codeOf((await cancel(KIM, pending.nrNumber)).answer)).toEqual([400, '007_030']);
    const failed = await charge(HONG, 7_004);
    expect(failed.nrNumber).toBeUndefined();
    const failedNr = platform.state.payments.entry(failed.sequenceId)!.nrNumber;
    expect(codeOf((await cancel(HONG, failedNr)).answer)).toEqual([400, '007_030']);

    expect(codeOf((await cancel(HONG, 'KMN999999999999999')).answer)).toEqual([400, '007_030']);
  });

  it('007_040 for a charge paid another way (auto-recharge)', async () => {
    const auto = platform.state.payments.recordCharge(
      { sequenceId: 'AUTO-1', aspId: project.aspId, userId: BigInt(HONG), par: mainCard(HONG).par, amount: 20_000, merchantId: MERCHANT, method: 'AUTO' },
      clock,
    );
    expect(mainCard(HONG).balance).toBe(70_000);
    expect(codeOf((await cancel(HONG, auto.nrNumber)).answer)).toEqual([400, '007_040']);
    expect(mainCard(HONG).balance).toBe(70_000);
  });

  it('007_043 when the refund account is held by someone else (account number ending 0043)', async () => {
    const charged = await charge(HONG, 10_000);
    const origin = platform.url.replace(/\/open-api$/, '');
    const added = await fetch(`${origin}/__sandbox/members/${HONG}/accounts`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'normal', bankAccount: '04070204120043', bankCode: '004', bankName: 'KB국민' }),
    });
    expect(added.status).toBe(201);
    expect(codeOf((await cancel(HONG, charged.nrNumber)).answer)).toEqual([400, '007_043']);
    expect(mainCard(HONG).balance).toBe(60_000);
  });

  it('007_001 once the member has no normal account', async () => {
    const charged = await charge(HONG, 10_000);
    delete member(HONG).accounts.normal;
    const refused = await cancel(HONG, charged.nrNumber);
    expect(codeOf(refused.answer)).toEqual([400, '007_001']);
    expect(await resultOf(refused.sequenceId)).toBe('FAILED');
    expect(mainCard(HONG).balance).toBe(60_000);
  });

  it('001_006, 007_101, and 000_002 for a token of another card or a wrong cardExpiry', async () => {
    const charged = await charge(HONG, 10_000);
    expect(codeOf((await cancel(1, charged.nrNumber, { ...(await token()), cardExpiry: '3111' })).answer)).toEqual([400, '001_006']);
    expect(codeOf((await cancel(HONG, charged.nrNumber, { sequenceId: charged.sequenceId })).answer)).toEqual([400, '007_101']);

    const second = { ...platform.state.newCard('issued', mainCard(HONG).serviceId), isMain: false };
    member(HONG).cards.push(second);
    const otherCard = await cancel(HONG, charged.nrNumber, { ...(await token(HONG, undefined, second)) });
    expect(otherCard.answer.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: oneTimeToken' });
    const badExpiry = await cancel(HONG, charged.nrNumber, { cardExpiry: '2001' });
    expect(badExpiry.answer.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: cardExpiry' });
    expect(mainCard(HONG).balance).toBe(60_000);
    expect(codeOf((await cancel(HONG, charged.nrNumber)).answer)).toEqual([200, '000_000']);
  });
});

describe('chargeResultInquiry', () => {
  it('007_102 for a sequenceId never booked (nothing happened: safe to retry with a new one)', async () => {
    const answer = await send(PAY.result, { sequenceId: 'NEVER-SENT-1' });
    expect(answer.json.response).toEqual({ code: '007_102', description: 'No charge or cancel with this sequenceId.' });
    expect(answer.status).toBe(400);
    // Refused before the token was spent: not booked either.
    const unknown = await charge(1, 1_000, { ...(await token()) });
    expect(codeOf(await send(PAY.result, { sequenceId: unknown.sequenceId }))).toEqual([400, '007_102']);
  });
});

describe('cardTransactionHistory', () => {
  it('lists charges and cancels of the card with balances, Korean approval times and what may still be cancelled', async () => {
    const first = await charge(HONG, 10_000);
    clock += 60_000;
    const second = await charge(HONG, 20_000);
    clock += 60_000;
    const cancelled = await cancel(HONG, first.nrNumber);
    expect(codeOf(cancelled.answer)).toEqual([200, '000_000']);
    await charge(KIM, 3_000);

    const answer = await history(HONG);
    expect(codeOf(answer)).toEqual([200, '000_000']);
    const rows = answer.json.transactionInfo as Array<Record<string, unknown>>;
    expect(answer.json.pageResponse).toEqual({ page: 0, totalPages: 1, numberOfElements: 3 });
    expect(rows.map((row) => [row.authCancelType, row.trAmount, row.balanceBefore, row.balanceAfter, row.approvalDateTime, row.rechargeCancelable])).toEqual([
      ['CANCEL', 10_000, 80_000, 70_000, '20261125120200', 0],
      ['AUTH', 20_000, 60_000, 80_000, '20261125120100', 20_000],
      ['AUTH', 10_000, 50_000, 60_000, '20261125120000', 0],
    ]);
    expect(rows[2]).toEqual({
      trType: '01',
      rcgType: 'ACCOUNT',
      nrNumber: first.nrNumber,
      trAmount: 10_000,
      orgAmount: 10_000,
      approvalCode: expect.stringMatching(/^\d{8}$/),
      balanceBefore: 50_000,
      balanceAfter: 60_000,
      merchantName: '계좌충전',
      authCancelType: 'AUTH',
      approvalDateTime: '20261125120000',
      discountAmount: 0,
      usedPointAmount: 0,
      savedPointAmount: 0,
      rechargeCancelable: 0,
    });
    expect(rows[1]!.nrNumber).toBe(second.nrNumber);
    expect(mainCard(HONG).balance).toBe(70_000);
  });

  it('filters by trType and approval date (Korean day), sorts and pages', async () => {
    await charge(HONG, 1_000);
    clock = Date.UTC(2026, 10, 25, 15, 30); // 2026-11-26 00:30 KST
    await charge(HONG, 2_000);
    await charge(HONG, 3_000);

    expect((await history(HONG, { trType: '00' })).json.transactionInfo).toEqual([]);
    const day26 = await history(HONG, { startDate: '20261126', endDate: '20261126', trType: '01' });
    expect((day26.json.transactionInfo as Array<{ trAmount: number }>).map((row) => row.trAmount)).toEqual([3_000, 2_000]);
    const day25 = await history(HONG, { startDate: '20261125', endDate: '20261125' });
    expect((day25.json.transactionInfo as Array<{ trAmount: number }>).map((row) => row.trAmount)).toEqual([1_000]);

    const paged = await history(HONG, { pageRequest: { page: 1, pageSize: 2, sort: 'approvalDateTime', orderByDirection: 'ASC' } });
    expect(paged.json.pageResponse).toEqual({ page: 1, totalPages: 2, numberOfElements: 1 });
    expect((paged.json.transactionInfo as Array<{ trAmount: number }>).map((row) => row.trAmount)).toEqual([3_000]);
    const withoutUser = await send(PAY.history, { par: mainCard(HONG).par, startDate: '20261101', endDate: '20261130' });
    expect((withoutUser.json.transactionInfo as unknown[]).length).toBe(3);
  });

  it('shows a pending charge only once it completed, at its completion time', async () => {
    await charge(HONG, 5_005);
    expect((await history(HONG)).json.transactionInfo).toEqual([]);
    clock += 3_000;
    const rows = (await history(HONG)).json.transactionInfo as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trAmount: 5_005, balanceBefore: 50_000, balanceAfter: 55_005, approvalDateTime: '20261125120003' });
  });

  it('follows a reissue: a pending charge lands on the replacement, whose history includes the old card\'s unless asked not to', async () => {
    const done = await charge(HONG, 10_000);
    const pending = await charge(HONG, 5_005);
    // What a lost-card reissue does to the cards (card group): the replacement takes over the money.
    const old = mainCard(HONG);
    const replacement = { ...platform.state.newCard('issued', old.serviceId), isMain: true, balance: old.balance, pendingAmount: old.pendingAmount };
    member(HONG).cards.unshift(replacement);
    Object.assign(old, { balance: 0, pendingAmount: 0, status: 'TERMINATED', isMain: false });
    platform.state.cardApplications.markReplaced(old.par, replacement.par);

    clock += 3_000;
    expect(await resultOf(pending.sequenceId)).toBe('COMPLETED');
    expect(replacement).toMatchObject({ balance: 65_005, pendingAmount: 0 });
    expect(old.balance).toBe(0);

    const rows = (await history(HONG)).json.transactionInfo as Array<Record<string, unknown>>;
    expect(rows.map((row) => [row.trAmount, row.balanceAfter, row.rechargeCancelable])).toEqual([[5_005, 65_005, 5_005], [10_000, 60_000, 10_000]]);
    const own = (await history(HONG, { includePreviousCard: false })).json.transactionInfo as Array<Record<string, unknown>>;
    expect(own.map((row) => row.trAmount)).toEqual([5_005]);

    // The old card can no longer give a token; the cancel takes one of the card that holds the money.
    expect(codeOf((await cancel(HONG, done.nrNumber)).answer)).toEqual([200, '000_000']);
    expect(replacement.balance).toBe(55_005);
  });

  it('003_021 for a PAR unknown or not the member\'s, 001_006 for an unknown member, 000_002 for endDate before startDate', async () => {
    expect(codeOf(await history(HONG, { par: 'V001XXXXXXXXXXXXXXXXXXXXXXX' }))).toEqual([400, '003_021']);
    expect(codeOf(await history(HONG, { par: mainCard(KIM).par }))).toEqual([400, '003_021']);
    expect(codeOf(await send(PAY.history, { userId: 1, par: mainCard(HONG).par, startDate: '20261101', endDate: '20261130' }))).toEqual([400, '001_006']);
    expect((await history(HONG, { startDate: '20261130', endDate: '20261101' })).json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: endDate' });
  });
});

describe('payment request schemas name the field at fault', () => {
  const cardNo = '9491339400000018';
  const chargeFields = { sequenceId: 'S1', userId: HONG, amount: 1_000, oneTimeToken: '1234567890123456', dcvv: '123', merchantId: MERCHANT };
  const cancelFields = { sequenceId: 'S2', userId: HONG, nrNumber: 'KMN261125000000001', oneTimeToken: '1234567890123456', dcvv: '123', cardExpiry: '3111' };
  const historyFields = { par: 'V001XXXXXXXXXXXXXXXXXXXXXXX', startDate: '20261101', endDate: '20261130' };

  it('accepts well-formed requests', () => {
    expect(firstViolation(issueOneTimeToken.request, { cardNo, type: 'ATM' })).toBeUndefined();
    expect(firstViolation(chargeByBankAccount.request, chargeFields)).toBeUndefined();
    expect(firstViolation(cancelChargeByBankAccount.request, cancelFields)).toBeUndefined();
    expect(firstViolation(chargeResultInquiry.request, { sequenceId: 'x'.repeat(30) })).toBeUndefined();
    expect(firstViolation(cardTransactionHistory.request, { ...historyFields, userId: HONG, trType: '01', includePreviousCard: false, pageRequest: { page: 0, pageSize: 20 } })).toBeUndefined();
  });

  it.each([
    ['issueOneTimeToken', issueOneTimeToken.request, { cardNo: '949133940000001' }, 'cardNo', 'minLength 16'],
    ['issueOneTimeToken', issueOneTimeToken.request, { cardNo, type: 'DEBIT' }, 'type', 'one of ATM|CREDIT'],
    ['chargeByBankAccount', chargeByBankAccount.request, { ...chargeFields, amount: 0 }, 'amount', 'minimum 1'],
    ['chargeByBankAccount', chargeByBankAccount.request, { ...chargeFields, amount: '1000' }, 'amount', 'type integer'],
    ['chargeByBankAccount', chargeByBankAccount.request, { ...chargeFields, merchantId: '41019543003390' }, 'merchantId', 'minLength 15'],
    ['chargeByBankAccount', chargeByBankAccount.request, { ...chargeFields, sequenceId: 'x'.repeat(31) }, 'sequenceId', 'maxLength 30'],
    ['cancelChargeByBankAccount', cancelChargeByBankAccount.request, { ...cancelFields, cardExpiry: '3113' }, 'cardExpiry', 'pattern ^[0-9]{2}(0[1-9]|1[0-2])$'],
    ['cancelChargeByBankAccount', cancelChargeByBankAccount.request, { ...cancelFields, nrNumber: '' }, 'nrNumber', 'minLength 1'],
    ['chargeResultInquiry', chargeResultInquiry.request, { sequenceId: '' }, 'sequenceId', 'minLength 1'],
    ['cardTransactionHistory', cardTransactionHistory.request, { ...historyFields, startDate: '20261131' }, 'startDate', 'format date8'],
    ['cardTransactionHistory', cardTransactionHistory.request, { ...historyFields, userId: 1_000_000_000_000_000 }, 'userId', 'maximum 999999999999999'],
    ['cardTransactionHistory', cardTransactionHistory.request, { ...historyFields, pageRequest: { pageSize: 0 } }, 'pageRequest/pageSize', 'minimum 1'],
  ])('%s refuses a bad value (case %#)', (_id, schema, value, field, rule) => {
    expect(firstViolation(schema, value)).toEqual({ field, rule });
  });

  it('the sandbox answers the platform\'s input codes for them', async () => {
    const short = await send(PAY.charge, { ...chargeFields, oneTimeToken: '123456789012345' });
    expect(short.json.response).toEqual({ code: '000_015', description: 'Invalid parameter length: oneTimeToken' });
    const missing = await send(PAY.cancel, { ...cancelFields, cardExpiry: undefined });
    expect(missing.json.response).toEqual({ code: '000_003', description: 'Missing required parameter: cardExpiry' });
  });
});
