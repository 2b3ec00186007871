/**
 * Income tax deduction through the real sandbox server: applying for a card (43) and the status
 * inquiry (44, request encrypted), dated by the sandbox clock in Korean time.
 */
import { taxDeductionApply, taxDeductionStatus } from '../../lib/catalog';
import type { Operation } from '../../lib/catalog/types';
import { firstViolation } from '../../lib/catalog/validate';
import type { PlatformHandle } from '../../sandbox/platform/server';
import type { CardRecord } from '../../sandbox/books/records';
import { call, type ClientIdentity, type PlatformAnswer } from './support/kona-client';
import { HONG, startTestPlatform, basicCardIn, giveCardTo } from './support/fixtures';

const TAX_PATHS = {
  apply: '/api/v1/cards/deduction/apply',
  status: '/api/v1/cards/deduction',
  corporate: '/api/v1/user/namedcard/corp',
} as const;

const KIM = HONG + 1;
const UNKNOWN = 1;

/** The sandbox clock: now, moved by hand (kept within the 5-minute skew of the signing clock). */
let clock = Date.now();
let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform({ now: () => clock }));
});
afterAll(() => platform.close());
beforeEach(() => {
  clock = Date.now();
  platform.reset();
});

function expectCode(answer: PlatformAnswer, code: string): void {
  expect([answer.status, answer.json.response.code]).toEqual([code === '000_000' ? 200 : 400, code]);
}

/** yyyyMMddHHmmss of an instant in Korean time (UTC+9, no DST), written independently of the sandbox. */
function kst(epochMs: number): string {
  return new Date(epochMs + 9 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

const basicCard = (userId: number) => basicCardIn(platform, userId);

const giveCard = (userId: number, changes: Partial<CardRecord> = {}) => giveCardTo(platform, userId, changes);

const apply = (userId: number, par: string) => call(platform.url, identity, TAX_PATHS.apply, { userId, par }, { encrypt: true });
const status = (par: string) => call(platform.url, identity, TAX_PATHS.status, { par }, { encrypt: true });

describe('taxDeductionApply (43) and taxDeductionStatus (44)', () => {
  it('enrols a card from today (Korean date); the status inquiry shows since when', async () => {
    const card = basicCard(HONG);
    const before = await status(card.par);
    expect(before.json).toEqual({ response: { code: '000_000', description: 'Success.' }, par: card.par });
    const applied = await apply(HONG, card.par);
    expectCode(applied, '000_000');
    const expected = { par: card.par, deductionDate: Number(kst(clock).slice(0, 8)), created: kst(clock) };
    expect(applied.json).toEqual({ response: { code: '000_000', description: 'Success.' }, ...expected });
    // Only the requests are sealed: both answers come in clear.
    expect(applied.plaintext).toBeUndefined();
    const after = await status(card.par);
    expect(after.plaintext).toBeUndefined();
    expect(after.json).toEqual({ response: { code: '000_000', description: 'Success.' }, ...expected });
    expect(platform.state.taxDeductions.isEnrolled(card.par)).toBe(true);
    // Another card of the same member is not enrolled by it.
    expect(Object.keys((await status(giveCard(HONG).par)).json)).toEqual(['response', 'par']);
  });

  it('dates by the sandbox clock in Korean time: 23:30 UTC on 31 March is 1 April', async () => {
    clock = Date.UTC(2026, 2, 31, 23, 30, 0);
    // Signed at the same instant, so the sandbox's clock-skew check passes.
    const applied = await call(platform.url, identity, TAX_PATHS.apply, { userId: KIM, par: basicCard(KIM).par }, { encrypt: true, epochMs: clock });
    expectCode(applied, '000_000');
    expect(applied.json).toMatchObject({ deductionDate: 20260401, created: '20260401083000' });
  });

  it('003_094 for a card already enrolled, leaving the first date', async () => {
    const card = basicCard(HONG);
    const first = await apply(HONG, card.par);
    expectCode(first, '000_000');
    clock += 60_000;
    expectCode(await apply(HONG, card.par), '003_094');
    expect((await status(card.par)).json.created).toBe(first.json.created);
  });

  it('003_095 for a card registered under a corporation', async () => {
    const card = basicCard(HONG);
    const named = await call(platform.url, identity, TAX_PATHS.corporate,
      { corporationName: '코나테스트 주식회사', bizLicenseNo: '1248100998', registrationNumber: '1301110006246', userId: HONG, par: card.par });
    expectCode(named, '000_000');
    expectCode(await apply(HONG, card.par), '003_095');
    expect(platform.state.taxDeductions.isEnrolled(card.par)).toBe(false);
  });

  it('003_022 for a terminated card, 003_021 for another member\'s card, 001_006 for an unknown member', async () => {
    expectCode(await apply(HONG, giveCard(HONG, { status: 'TERMINATED' }).par), '003_022');
    expectCode(await apply(HONG, basicCard(KIM).par), '003_021');
    expectCode(await apply(UNKNOWN, basicCard(HONG).par), '001_006');
    expect(platform.state.taxDeductions.isEnrolled(basicCard(KIM).par)).toBe(false);
  });

  it('the status inquiry: 003_021 for a PAR no card has; both requests must be encrypted (000_108)', async () => {
    expectCode(await status('V001'.padEnd(27, 'Z')), '003_021');
    const plainStatus = await call(platform.url, identity, TAX_PATHS.status, { par: basicCard(HONG).par });
    expect(plainStatus.json.response.code).toBe('000_108');
    const plainApply = await call(platform.url, identity, TAX_PATHS.apply, { userId: HONG, par: basicCard(HONG).par });
    expect(plainApply.json.response.code).toBe('000_108');
  });
});

describe('catalog request schemas refuse a bad value, naming the field', () => {
  const cases: Array<[Operation, Record<string, unknown>, string, string]> = [
    [taxDeductionApply, { userId: HONG }, 'par', 'required'],
    [taxDeductionApply, { userId: -1, par: 'V001'.padEnd(27, 'A') }, 'userId', 'minimum 1'],
    [taxDeductionStatus, { par: 'V001'.padEnd(28, 'A') }, 'par', 'maxLength 27'],
    [taxDeductionStatus, { par: 'V001'.padEnd(27, 'A'), userId: HONG }, 'userId', 'unknown field'],
  ];
  it.each(cases.map(([op, value, field, rule]) => [op.id, field, rule, op, value] as const))('%s: %s (%s)', (_id, field, rule, op, value) => {
    expect(firstViolation(op.request, value)).toEqual({ field, rule });
  });
});
