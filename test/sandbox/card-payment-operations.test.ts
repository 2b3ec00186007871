/**
 * Spending a card through the real sandbox server: payments at a merchant and their cancels, and
 * the refund of a card balance to the member's account. Each moves the card balance, shows in the
 * card's history as the gateway will look for it (payment 00, its cancel 00 CANCEL, refund 02), and
 * refuses with the catalog's codes. The sandbox runs on a clock the tests move.
 */
import { paymentApprove } from '../../lib/catalog';
import { firstViolation } from '../../lib/catalog/validate';
import { REFUND_MONTHLY_LIMITS } from '../../sandbox/books/card-payments';
import type { CardRecord, Member } from '../../sandbox/books/records';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { call, codeOf, type CallOptions, type ClientIdentity } from './support/kona-client';
import { HONG, memberIn, startTestPlatform } from './support/fixtures';

const PATH = {
  token: '/api/v2/payment/generate/onetimetoken',
  charge: '/api/v1/recharges/by-bank-accounts/no-hce',
  pay: '/api/v1/payment/no-hce',
  cancel: '/api/v1/payment/cancel/no-hce',
  refund: '/api/v1/refund/card',
  history: '/api/v1/transaction/card',
} as const;

/** Fixture members (sandbox/books/fixtures.ts): 홍길동 holds 50,000 KRW with a normal account; 이철수 has no account. */
const LEE = HONG + 2;
const MERCHANT = '410195430033901';
/** 2026-11-25 12:00:00 KST. */
const START = Date.UTC(2026, 10, 25, 3, 0, 0);

let platform: PlatformHandle;
let identity: ClientIdentity;
let clock = START;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform({ now: () => clock }));
});
afterAll(() => platform.close());
beforeEach(() => {
  clock = START;
  platform.reset();
});

const send = (path: string, fields: Record<string, unknown>, options: CallOptions = {}) =>
  call(platform.url, identity, path, fields, { epochMs: clock, ...options });
const member = (userId: number): Member => memberIn(platform, userId);
const mainCard = (userId: number): CardRecord => member(userId).cards[0]!;

async function token(userId = HONG): Promise<{ oneTimeToken: string; dcvv: string }> {
  const answer = await send(PATH.token, { cardNo: mainCard(userId).cardNo }, { encrypt: true });
  expect(codeOf(answer)).toEqual([200, '000_000']);
  return { oneTimeToken: answer.json.oneTimeToken as string, dcvv: answer.json.dcvv as string };
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}${START}${String(++sequence).padStart(5, '0')}`;

async function pay(amount: number, fields: Record<string, unknown> = {}, userId = HONG) {
  const transactionId = (fields.transactionId as string | undefined) ?? nextId('PY');
  const answer = await send(PATH.pay, { transactionId, ...(fields.oneTimeToken ? {} : await token(userId)), amount, merchantId: MERCHANT, channel: 'OPENAPI', ...fields });
  return { answer, transactionId, nrNumber: answer.json.nrNumber as string };
}

const cancel = (nrNumber: string, amount: number, fields: Record<string, unknown> = {}) =>
  send(PATH.cancel, { cardNo: mainCard(HONG).cardNo, amount, nrNumber, merchantId: MERCHANT, channel: 'OPENAPI', ...fields }, { encrypt: true });

async function refund(userId = HONG, fields: Record<string, unknown> = {}) {
  const sequenceId = (fields.sequenceId as string | undefined) ?? nextId('RF');
  const answer = await send(PATH.refund, {
    sequenceId, userId, cardExpiry: mainCard(userId).expiryDate.slice(0, 4), ...(fields.oneTimeToken ? {} : await token(userId)), ...fields,
  });
  return { answer, sequenceId };
}

async function historyRows(userId = HONG): Promise<Array<Record<string, unknown>>> {
  const answer = await send(PATH.history, { userId, par: mainCard(userId).par, startDate: '20261101', endDate: '20261130', pageRequest: { orderByDirection: 'ASC' } });
  expect(codeOf(answer)).toEqual([200, '000_000']);
  return answer.json.transactionInfo as Array<Record<string, unknown>>;
}

describe('paymentApprove', () => {
  it('debits the card at once and answers, sealed, the card, its new balance, approval code, nrNumber and time', async () => {
    const { answer, transactionId, nrNumber } = await pay(12_300);
    expect(codeOf(answer)).toEqual([200, '000_000']);
    expect(answer.plaintext).toBeDefined();
    expect(answer.json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      cardNo: mainCard(HONG).cardNo,
      balance: 37_700,
      approvalCode: expect.stringMatching(/^\d{6}$/),
      nrNumber: expect.stringMatching(/^KMN261125\d{9}$/),
      approvalTime: '20261125120000000',
    });
    expect(firstViolation(paymentApprove.response, { ...answer.json, response: undefined })).toBeUndefined();
    expect(mainCard(HONG).balance).toBe(37_700);
    expect(platform.state.cardPayments.payment(transactionId)).toMatchObject({ amount: 12_300, merchantId: MERCHANT, nrNumber, par: mainCard(HONG).par });
    expect(await historyRows()).toEqual([expect.objectContaining({
      trType: '00', authCancelType: 'AUTH', nrNumber, trAmount: 12_300, balanceBefore: 50_000, balanceAfter: 37_700, approvalDateTime: '20261125120000', rechargeCancelable: 0,
    })]);
  });

  it('refuses a transactionId used before (006_101): nothing moves', async () => {
    const first = await pay(1_000);
    const again = await pay(2_000, { transactionId: first.transactionId });
    expect(codeOf(again.answer)).toEqual([400, '006_101']);
    expect(mainCard(HONG).balance).toBe(49_000);
  });

  it('refuses an unknown, spent or expired token and a wrong dCVV, naming the field (000_002)', async () => {
    const unknown = await pay(1_000, { oneTimeToken: '1234567890123456', dcvv: '123' });
    expect([...codeOf(unknown.answer), unknown.answer.json.response.description]).toEqual([400, '000_002', 'Invalid input parameter: oneTimeToken']);
    const fresh = await token();
    const wrongDcvv = await pay(1_000, { ...fresh, dcvv: fresh.dcvv === '000' ? '001' : '000' });
    expect(wrongDcvv.answer.json.response.description).toBe('Invalid input parameter: dcvv');
    expect(codeOf((await pay(1_000, fresh)).answer)).toEqual([200, '000_000']);
    expect((await pay(1_000, fresh)).answer.json.response.description).toBe('Invalid input parameter: oneTimeToken');
    const late = await token();
    clock += 30_000;
    expect((await pay(1_000, late)).answer.json.response.code).toBe('000_002');
    expect(mainCard(HONG).balance).toBe(49_000);
  });

  it('refuses a card that may not pay: suspended or its owner gone (006_012), expired (006_011); the token is spent', async () => {
    const issued = await token();
    mainCard(HONG).status = 'SUSPENDED';
    expect(codeOf((await pay(1_000, issued)).answer)).toEqual([400, '006_012']);
    mainCard(HONG).status = 'ACTIVE';
    expect((await pay(1_000, issued)).answer.json.response.description).toBe('Invalid input parameter: oneTimeToken');
    const beforeExpiry = await token();
    mainCard(HONG).expiryDate = '261031';
    expect(codeOf((await pay(1_000, beforeExpiry)).answer)).toEqual([400, '006_011']);
    mainCard(HONG).expiryDate = '261130';
    const owner = await token();
    member(HONG).status = 'DORMANT';
    expect(codeOf((await pay(1_000, owner)).answer)).toEqual([400, '006_012']);
    expect(mainCard(HONG).balance).toBe(50_000);
  });

  it('refuses more than the balance (006_007) and beyond the card\'s payment limits (006_010: once, day, month); a cancelled payment frees its share', async () => {
    expect(codeOf((await pay(50_001)).answer)).toEqual([400, '006_007']);
    mainCard(HONG).balance = 1_000_000;
    mainCard(HONG).limits = { once: 30_000, day: 50_000, month: 70_000 };
    expect((await pay(30_001)).answer.json.response.description).toBe('Over the limit: once 30000.');
    const first = await pay(30_000);
    expect(codeOf(first.answer)).toEqual([200, '000_000']);
    expect((await pay(20_001)).answer.json.response.description).toBe('Over the limit: day 50000.');
    expect(codeOf(await cancel(first.nrNumber, 30_000))).toEqual([200, '000_000']);
    expect(codeOf((await pay(30_000)).answer)).toEqual([200, '000_000']);
    clock += 24 * 3600_000;
    expect(codeOf((await pay(30_000)).answer)).toEqual([200, '000_000']);
    expect((await pay(10_001)).answer.json.response.description).toBe('Over the limit: month 70000.');
    expect(mainCard(HONG).balance).toBe(1_000_000 - 60_000);
  });

  it('does not know the gateway-only par: sent anyway, it is dropped as any unknown field (rules.ts unknownRequestFields), not checked as a PAR', async () => {
    const sent = await pay(1_000, { par: 'not a par at all' });
    expect(codeOf(sent.answer)).toEqual([200, '000_000']);
    expect(platform.state.cardPayments.payment(sent.transactionId)).toMatchObject({ par: mainCard(HONG).par });
  });
});

describe('paymentCancel', () => {
  it('gives the amount back to the card, whole, and shows a payment row of type CANCEL', async () => {
    const paid = await pay(8_000);
    clock += 60_000;
    const answer = await cancel(paid.nrNumber, 8_000);
    expect(codeOf(answer)).toEqual([200, '000_000']);
    expect(answer.json).toEqual({ response: { code: '000_000', description: 'Success.' } });
    expect(mainCard(HONG).balance).toBe(50_000);
    expect(platform.state.cardPayments.payment(paid.transactionId)?.cancel).toMatchObject({ at: START + 60_000 });
    expect((await historyRows()).map((row) => [row.trType, row.authCancelType, row.trAmount, row.balanceAfter, row.approvalDateTime])).toEqual([
      ['00', 'AUTH', 8_000, 42_000, '20261125120000'],
      ['00', 'CANCEL', 8_000, 50_000, '20261125120100'],
    ]);
  });

  it('is sealed: a request in clear is refused (000_108)', async () => {
    const paid = await pay(1_000);
    const clear = await send(PATH.cancel, { cardNo: mainCard(HONG).cardNo, amount: 1_000, nrNumber: paid.nrNumber, merchantId: MERCHANT, channel: 'OPENAPI' });
    expect(codeOf(clear)).toEqual([400, '000_108']);
  });

  it('refuses a second cancel (006_103), an unknown payment or another card (006_102), another amount or merchant (000_002)', async () => {
    const paid = await pay(5_000);
    expect(codeOf(await cancel('KMN261125999999999', 5_000))).toEqual([400, '006_102']);
    const other = member(HONG + 1).cards[0]!;
    expect(codeOf(await cancel(paid.nrNumber, 5_000, { cardNo: other.cardNo }))).toEqual([400, '006_102']);
    expect((await cancel(paid.nrNumber, 4_000)).json.response.description).toBe('Invalid input parameter: amount');
    expect((await cancel(paid.nrNumber, 5_000, { merchantId: '410894040073801' })).json.response.description).toBe('Invalid input parameter: merchantId');
    expect(codeOf(await cancel(paid.nrNumber, 5_000))).toEqual([200, '000_000']);
    expect(codeOf(await cancel(paid.nrNumber, 5_000))).toEqual([400, '006_103']);
    expect(mainCard(HONG).balance).toBe(50_000);
  });
});

describe('cardBalanceRefund', () => {
  it('moves the whole balance to the member\'s normal account: the card holds 0, the account book and the history show it', async () => {
    const { answer, sequenceId } = await refund();
    expect(codeOf(answer)).toEqual([200, '000_000']);
    expect(answer.json.nrNumber).toMatch(/^KMN261125\d{9}$/);
    expect(mainCard(HONG).balance).toBe(0);
    expect(platform.state.cardPayments.refund(sequenceId)).toMatchObject({ amount: 50_000, account: member(HONG).accounts.normal, nrNumber: answer.json.nrNumber });
    expect(platform.state.cardPayments.creditedTo(BigInt(HONG))).toBe(50_000);
    expect(await historyRows()).toEqual([expect.objectContaining({ trType: '02', authCancelType: 'AUTH', trAmount: 50_000, balanceBefore: 50_000, balanceAfter: 0, nrNumber: answer.json.nrNumber })]);
  });

  it('refuses: unknown member (001_006), sequenceId reused (009_101), a wrong cardExpiry (000_002) before the token is spent', async () => {
    expect(codeOf((await refund(HONG, { userId: 50000199999 })).answer)).toEqual([400, '001_006']);
    const issued = await token();
    expect((await refund(HONG, { ...issued, cardExpiry: '2901' })).answer.json.response.description).toBe('Invalid input parameter: cardExpiry');
    const done = await refund(HONG, issued);
    expect(codeOf(done.answer)).toEqual([200, '000_000']);
    mainCard(HONG).balance = 1_000;
    expect(codeOf((await refund(HONG, { sequenceId: done.sequenceId })).answer)).toEqual([400, '009_101']);
    expect(mainCard(HONG).balance).toBe(1_000);
  });

  it('refuses with the token spent: no account (009_001), nothing to refund or a charge pending (009_004)', async () => {
    mainCard(LEE).balance = 5_000;
    expect(codeOf((await refund(LEE)).answer)).toEqual([400, '009_001']);
    mainCard(HONG).pendingAmount = 1_000;
    expect((await refund()).answer.json.response.description).toBe('Refund denied: a charge of the card is still pending.');
    mainCard(HONG).pendingAmount = 0;
    mainCard(HONG).balance = 0;
    expect(codeOf((await refund()).answer)).toEqual([400, '009_004']);
    expect(platform.state.cardPayments.refunds()).toEqual([]);
    expect(mainCard(LEE).balance).toBe(5_000);
  });

  it('keeps the member\'s monthly limits: count (009_003) and amount (009_002), counted by Korean month', async () => {
    for (let i = 0; i < REFUND_MONTHLY_LIMITS.count; i += 1) {
      mainCard(HONG).balance = 1_000;
      expect(codeOf((await refund()).answer)).toEqual([200, '000_000']);
    }
    mainCard(HONG).balance = 1_000;
    expect(codeOf((await refund()).answer)).toEqual([400, '009_003']);
    clock = Date.UTC(2026, 11, 1, 0, 0, 0);
    mainCard(HONG).balance = REFUND_MONTHLY_LIMITS.amount + 1;
    expect(codeOf((await refund()).answer)).toEqual([400, '009_002']);
    mainCard(HONG).balance = REFUND_MONTHLY_LIMITS.amount;
    expect(codeOf((await refund()).answer)).toEqual([200, '000_000']);
    expect(platform.state.cardPayments.creditedTo(BigInt(HONG))).toBe(REFUND_MONTHLY_LIMITS.count * 1_000 + REFUND_MONTHLY_LIMITS.amount);
  });
});
