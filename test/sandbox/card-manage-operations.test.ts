/**
 * Card management through the real sandbox server: card list, state change, discard, corporate
 * real-name registration and its status, card-user mapping, products, main card, virtual account
 * and payment limits. Each success is checked by what the platform shows afterwards.
 */
import {
  cardLimitUpdate, cardList, cardProductInquiry, cardStatusChange, cardTerminate, cardUserMapping,
  cardVirtualAccountInquiry, corporateBalanceLimitIncrease, corporateIdentificationStatus, setMainCard,
} from '../../lib/catalog';
import type { Operation } from '../../lib/catalog/types';
import { firstViolation } from '../../lib/catalog/validate';
import { BASIC_CARD_SERVICE_ID } from '../../sandbox/books/card-numbers';
import { MOBILE_CARD_SERVICE_ID, NORMAL_CARD_SERVICE_ID } from '../../sandbox/books/card-products';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { DEFAULT_CARD_LIMITS, type CardRecord } from '../../sandbox/books/records';
import { call, type ClientIdentity, type PlatformAnswer } from './support/kona-client';
import { HONG, newMember, PATHS, startTestPlatform, basicCardIn, giveCardTo, memberIn } from './support/fixtures';

const CARD_PATHS = {
  list: '/api/v1/user/card/list',
  status: '/api/v1/card/status',
  terminate: '/api/v1/card/terminate',
  corporate: '/api/v1/user/namedcard/corp',
  corporateStatus: '/api/v1/user/namedcard/corp/inquiry',
  mapping: '/api/v1/user/card/info',
  products: '/api/v1/service/info/list',
  main: '/api/v1/card/main/update',
  virtualAccount: '/api/v1/card/virtual-account/inquiry',
  limits: '/api/v1/card/payment/limit/update',
} as const;

/** Fixture members (sandbox/books/fixtures.ts): 이철수 has no bank account. */
const KIM = HONG + 1;
const LEE = HONG + 2;
const UNKNOWN = 1;
/** Real-world-valid check digits: a business registration number and a corporate registration number. */
const CORPORATION = { corporationName: '코나테스트 주식회사', bizLicenseNo: '1248100998', registrationNumber: '1301110006246' };

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

const send = (path: string, fields: Record<string, unknown>, encrypt = false) => call(platform.url, identity, path, fields, { encrypt });

function expectCode(answer: PlatformAnswer, code: string): void {
  expect([answer.status, answer.json.response.code]).toEqual([code === '000_000' ? 200 : 400, code]);
}

const member = (userId: number) => memberIn(platform, userId);
const basicCard = (userId: number) => basicCardIn(platform, userId);

const giveCard = (userId: number, changes: Partial<CardRecord> = {}) => giveCardTo(platform, userId, changes);

type CardData = Record<string, unknown> & { par: string };

async function listCards(userId: number, filter: Record<string, unknown> = {}): Promise<CardData[]> {
  const answer = await send(CARD_PATHS.list, { userId, ...filter });
  expectCode(answer, '000_000');
  return answer.json.cardDataInfo as CardData[];
}

describe('cardList (36)', () => {
  it('lists the member\'s cards with balance, limits, numbers and product, answering encrypted', async () => {
    const answer = await send(CARD_PATHS.list, { userId: HONG });
    expectCode(answer, '000_000');
    expect(answer.plaintext).toBeDefined();
    const card = basicCard(HONG);
    expect(answer.json.cardDataInfo).toEqual([{
      par: card.par,
      limits: { ...DEFAULT_CARD_LIMITS },
      balance: 50_000,
      pendingAmount: 0,
      isNamed: false,
      serviceId: BASIC_CARD_SERVICE_ID,
      serviceName: '코나 기본 모바일카드',
      expiryDate: card.expiryDate,
      mobileCardNo: card.cardNo,
      mobileCardStatus: 'ACTIVE',
      rechargeable: true,
      remittable: false,
      refundable: true,
      rechargeableAmount: 450_000,
      minRechargeAmount: 1_000,
      maxRealNameRechargeAmount: 2_000_000,
      maxNonRealNameRechargeAmount: 500_000,
      isMain: true,
    }]);
  });

  it('shows a newly registered member\'s basic card', async () => {
    const registered = await call(platform.url, identity, PATHS.register, newMember(), { encrypt: true });
    const { userId, basicCardInfo } = registered.json as unknown as { userId: number; basicCardInfo: { par: string; cardNo: string } };
    const cards = await listCards(userId);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ par: basicCardInfo.par, mobileCardNo: basicCardInfo.cardNo, balance: 0, isMain: true, rechargeableAmount: 500_000 });
  });

  it('narrows the list by par or by physical card number', async () => {
    const issued = giveCard(HONG, { physicalCardNo: '9491339499990001', cardApplyNo: 'A'.repeat(22) });
    expect((await listCards(HONG)).map((card) => card.par)).toEqual([basicCard(HONG).par, issued.par]);
    expect((await listCards(HONG, { par: issued.par })).map((card) => card.par)).toEqual([issued.par]);
    const [physical] = await listCards(HONG, { physicalCardNo: '9491339499990001' });
    expect(physical).toMatchObject({
      par: issued.par, physicalCardNo: '9491339499990001', physicalCardStatus: 'ACTIVE', cardApplyNo: 'A'.repeat(22),
      serviceId: MOBILE_CARD_SERVICE_ID, serviceName: '코나 선불카드 모바일형', isMain: false,
    });
    // Another member's card, or no such card: an empty list.
    expect(await listCards(HONG, { par: basicCard(KIM).par })).toEqual([]);
  });

  it('001_006 for an unknown member', async () => {
    expectCode(await send(CARD_PATHS.list, { userId: UNKNOWN }), '001_006');
  });
});

describe('cardStatusChange (38)', () => {
  it('SUSPEND by par then RESUME by card number, as the card list shows', async () => {
    const card = basicCard(HONG);
    expectCode(await send(CARD_PATHS.status, { userId: HONG, par: card.par, status: 'SUSPEND' }), '000_000');
    expect(card.status).toBe('SUSPENDED');
    expect((await listCards(HONG))[0]).toMatchObject({ mobileCardStatus: 'SUSPENDED', rechargeable: false, refundable: false });
    expectCode(await send(CARD_PATHS.status, { userId: HONG, cardNo: card.cardNo, status: 'RESUME' }), '000_000');
    expect((await listCards(HONG))[0]).toMatchObject({ mobileCardStatus: 'ACTIVE', rechargeable: true });
  });

  it('finds a card by its linked physical card number', async () => {
    const issued = giveCard(HONG, { physicalCardNo: '9491339499990002' });
    expectCode(await send(CARD_PATHS.status, { userId: HONG, cardNo: '9491339499990002', status: 'SUSPEND' }), '000_000');
    expect(issued.status).toBe('SUSPENDED');
  });

  it('003_021 for a PAR the member does not hold, 003_001 for a card number, 003_022 for a terminated card', async () => {
    expectCode(await send(CARD_PATHS.status, { userId: HONG, par: basicCard(KIM).par, status: 'SUSPEND' }), '003_021');
    expectCode(await send(CARD_PATHS.status, { userId: HONG, cardNo: basicCard(KIM).cardNo, status: 'SUSPEND' }), '003_001');
    // par and cardNo naming two different cards.
    expectCode(await send(CARD_PATHS.status, { userId: HONG, par: basicCard(HONG).par, cardNo: giveCard(HONG).cardNo, status: 'SUSPEND' }), '003_001');
    const gone = giveCard(HONG, { status: 'TERMINATED' });
    expectCode(await send(CARD_PATHS.status, { userId: HONG, par: gone.par, status: 'RESUME' }), '003_022');
    expect(gone.status).toBe('TERMINATED');
    expect(basicCard(KIM).status).toBe('ACTIVE');
  });

  it('001_006 for an unknown member; 000_003 when neither par nor cardNo is given; 000_002 for another status', async () => {
    expectCode(await send(CARD_PATHS.status, { userId: UNKNOWN, par: basicCard(HONG).par, status: 'SUSPEND' }), '001_006');
    const missing = await send(CARD_PATHS.status, { userId: HONG, status: 'SUSPEND' });
    expectCode(missing, '000_003');
    expect(missing.json.response.description).toBe('Missing required parameter: par');
    const close = await send(CARD_PATHS.status, { userId: HONG, par: basicCard(HONG).par, status: 'CLOSE' });
    expect(close.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: status' });
  });
});

describe('cardTerminate (39)', () => {
  it('discards an empty issued card: gone from the list, and a second discard finds no card (001_047)', async () => {
    const issued = giveCard(HONG);
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: issued.par }), '000_000');
    expect(issued.status).toBe('TERMINATED');
    expect((await listCards(HONG)).map((card) => card.par)).toEqual([basicCard(HONG).par]);
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: issued.par }), '001_047');
  });

  it('takes the sub cards along, and gives the main card back to the basic card', async () => {
    const main = giveCard(HONG);
    const sub = giveCard(HONG, { subOf: main.par });
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: main.par }), '000_000');
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: main.par }), '000_000');
    expect([main.status, sub.status]).toEqual(['TERMINATED', 'TERMINATED']);
    expect((await listCards(HONG)).map((card) => [card.par, card.isMain])).toEqual([[basicCard(HONG).par, true]]);
  });

  it('001_052 while the card or one of its sub cards holds money', async () => {
    const funded = giveCard(HONG, { balance: 1 });
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: funded.par }), '001_052');
    const pending = giveCard(HONG, { pendingAmount: 10_000 });
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: pending.par }), '001_052');
    const parent = giveCard(HONG);
    giveCard(HONG, { subOf: parent.par, balance: 500 });
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: parent.par }), '001_052');
    expect([funded.status, pending.status, parent.status]).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('001_059 for the basic card (even empty), 001_061 for a sub card, 001_062 for a card linked to a physical card', async () => {
    basicCard(LEE).balance = 0;
    expectCode(await send(CARD_PATHS.terminate, { userId: LEE, par: basicCard(LEE).par }), '001_059');
    const parent = giveCard(HONG);
    const sub = giveCard(HONG, { subOf: parent.par });
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: sub.par }), '001_061');
    const physical = giveCard(HONG, { physicalCardNo: '9491339499990003' });
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: physical.par }), '001_062');
    expect([basicCard(LEE).status, sub.status, physical.status]).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('001_047 for another member\'s card, 001_006 for an unknown member, 000_002 beyond the 18-digit userId', async () => {
    expectCode(await send(CARD_PATHS.terminate, { userId: HONG, par: giveCard(KIM).par }), '001_047');
    expectCode(await send(CARD_PATHS.terminate, { userId: UNKNOWN, par: basicCard(HONG).par }), '001_006');
    const tooBig = await call(platform.url, identity, CARD_PATHS.terminate, `{"userId":1000000000000000000,"par":"${basicCard(HONG).par}"}`);
    expect(tooBig.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: userId' });
  });
});

describe('corporateBalanceLimitIncrease (41) and corporateIdentificationStatus (42)', () => {
  const status = (userId: number, par: string) => send(CARD_PATHS.corporateStatus, { userId, par });

  it('names the card after the corporation, raising its cap; the status inquiry shows COMPLETED', async () => {
    const card = basicCard(HONG);
    const before = await status(HONG, card.par);
    expect(before.json).toEqual({ response: { code: '000_000', description: 'Success.' }, par: card.par, status: 'NONE' });
    const named = await send(CARD_PATHS.corporate, { ...CORPORATION, userId: HONG, par: card.par });
    expectCode(named, '000_000');
    expect(named.json).toMatchObject({ par: card.par, isNamed: true, maxRealNameRechargeAmount: 2_000_000 });
    expect(card.named).toBe('corporate');
    expect((await listCards(HONG))[0]).toMatchObject({ isNamed: true, remittable: true, rechargeableAmount: 1_950_000 });
    const after = await status(HONG, card.par);
    expect(after.json).toMatchObject({
      par: card.par, status: 'COMPLETED', corporationName: CORPORATION.corporationName, bizLicenseNo: CORPORATION.bizLicenseNo,
      requestDateTime: expect.stringMatching(/^\d{14}$/), identifiedDateTime: expect.stringMatching(/^\d{14}$/),
    });
    expect(after.json).not.toHaveProperty('registrationNumber');
  });

  it('003_092 when a number does not verify, recorded as FAILED; a corrected request then succeeds', async () => {
    const card = basicCard(HONG);
    const wrong = await send(CARD_PATHS.corporate, { ...CORPORATION, bizLicenseNo: '1248100999', userId: HONG, par: card.par });
    expectCode(wrong, '003_092');
    expect(wrong.json.response.description).toBe('Corporate information could not be verified: bizLicenseNo');
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, registrationNumber: '1301110006247', userId: HONG, par: card.par }), '003_092');
    expect(card.named).toBeUndefined();
    const failed = await status(HONG, card.par);
    expect(failed.json).toMatchObject({ status: 'FAILED', requestDateTime: expect.stringMatching(/^\d{14}$/) });
    expect(failed.json).not.toHaveProperty('identifiedDateTime');
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, userId: HONG, par: card.par }), '000_000');
    expect((await status(HONG, card.par)).json.status).toBe('COMPLETED');
  });

  it('003_093 for a card already named, 003_022 for a terminated card, 003_021 for another member\'s card, 001_006 for an unknown member', async () => {
    const card = basicCard(HONG);
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, userId: HONG, par: card.par }), '000_000');
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, userId: HONG, par: card.par }), '003_093');
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, userId: HONG, par: giveCard(HONG, { status: 'TERMINATED' }).par }), '003_022');
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, userId: HONG, par: basicCard(KIM).par }), '003_021');
    expectCode(await send(CARD_PATHS.corporate, { ...CORPORATION, userId: UNKNOWN, par: card.par }), '001_006');
    expect(basicCard(KIM).named).toBeUndefined();
  });

  it('the status inquiry: 003_021 for another member\'s card, 001_006 for an unknown member', async () => {
    expectCode(await status(HONG, basicCard(KIM).par), '003_021');
    expectCode(await status(UNKNOWN, basicCard(HONG).par), '001_006');
  });
});

describe('cardUserMapping (45)', () => {
  it('maps a mobile or physical card number to its member, encrypted both ways', async () => {
    const card = basicCard(KIM);
    const answer = await send(CARD_PATHS.mapping, { cardNo: card.cardNo }, true);
    expectCode(answer, '000_000');
    expect(answer.plaintext).toBeDefined();
    expect(answer.json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      userId: KIM, balance: 50_000, serviceId: BASIC_CARD_SERVICE_ID, serviceName: '코나 기본 모바일카드', cardStatus: 'ACTIVE',
    });
    giveCard(HONG, { physicalCardNo: '9491339499990004', balance: 7_000, status: 'SUSPENDED' });
    expect((await send(CARD_PATHS.mapping, { cardNo: '9491339499990004' }, true)).json)
      .toMatchObject({ userId: HONG, balance: 7_000, cardStatus: 'SUSPENDED', serviceId: MOBILE_CARD_SERVICE_ID });
  });

  it('003_001 for a card number nobody holds; 000_108 when sent in clear', async () => {
    expectCode(await send(CARD_PATHS.mapping, { cardNo: '9491339499999999' }, true), '003_001');
    expect((await send(CARD_PATHS.mapping, { cardNo: basicCard(HONG).cardNo })).json.response.code).toBe('000_108');
  });
});

describe('cardProductInquiry (46)', () => {
  it('names the products asked for, in order, once each, leaving unknown ids out', async () => {
    const answer = await send(CARD_PATHS.products, { serviceIdList: [NORMAL_CARD_SERVICE_ID, '000170000009999', BASIC_CARD_SERVICE_ID, NORMAL_CARD_SERVICE_ID] });
    expectCode(answer, '000_000');
    expect(answer.json.serviceInfos).toEqual([
      { serviceId: NORMAL_CARD_SERVICE_ID, serviceName: '코나 선불카드 일반형' },
      { serviceId: BASIC_CARD_SERVICE_ID, serviceName: '코나 기본 모바일카드' },
    ]);
    expect((await send(CARD_PATHS.products, { serviceIdList: ['000170000009999'] })).json.serviceInfos).toEqual([]);
  });

  it('refuses an id of the wrong length (000_015) and an empty list (000_002)', async () => {
    expect((await send(CARD_PATHS.products, { serviceIdList: ['12345'] })).json.response)
      .toEqual({ code: '000_015', description: 'Invalid parameter length: serviceIdList/0' });
    expect((await send(CARD_PATHS.products, { serviceIdList: [] })).json.response.code).toBe('000_002');
  });
});

describe('setMainCard (47)', () => {
  it('moves the main card: exactly one card is main, as the list shows', async () => {
    const issued = giveCard(HONG);
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: issued.par }), '000_000');
    expect((await listCards(HONG)).map((card) => [card.par, card.isMain])).toEqual([[basicCard(HONG).par, false], [issued.par, true]]);
    // Setting it again changes nothing.
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: issued.par }), '000_000');
    expect(member(HONG).cards.filter((card) => card.isMain)).toEqual([issued]);
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: basicCard(HONG).par }), '000_000');
    expect(member(HONG).cards.filter((card) => card.isMain)).toEqual([basicCard(HONG)]);
  });

  it('003_090 for a suspended card, 003_091 for a sub card, 003_022 for a terminated one, 003_021 for another member\'s, 001_006 for an unknown member', async () => {
    const suspended = giveCard(HONG, { status: 'SUSPENDED' });
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: suspended.par }), '003_090');
    const sub = giveCard(HONG, { subOf: basicCard(HONG).par });
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: sub.par }), '003_091');
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: giveCard(HONG, { status: 'TERMINATED' }).par }), '003_022');
    expectCode(await send(CARD_PATHS.main, { userId: HONG, par: basicCard(KIM).par }), '003_021');
    expectCode(await send(CARD_PATHS.main, { userId: UNKNOWN, par: basicCard(HONG).par }), '001_006');
    expect(member(HONG).cards.filter((card) => card.isMain)).toEqual([basicCard(HONG)]);
  });
});

describe('cardVirtualAccountInquiry (48)', () => {
  const inquire = (cardNo: string) => send(CARD_PATHS.virtualAccount, { cardNo }, true);

  it('answers one stable virtual account per card, also by the physical card number', async () => {
    const first = await inquire(basicCard(HONG).cardNo);
    expectCode(first, '000_000');
    expect(first.plaintext).toBeDefined();
    expect(first.json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      accountNo: expect.stringMatching(/^\d{14}$/), bankCode: '088', connectType: 'FIXED',
    });
    expect((await inquire(basicCard(HONG).cardNo)).json.accountNo).toBe(first.json.accountNo);
    expect(platform.state.virtualAccounts.parFor(first.json.accountNo as string)).toBe(basicCard(HONG).par);
    const issued = giveCard(HONG, { physicalCardNo: '9491339499990005' });
    const byMobile = await inquire(issued.cardNo);
    expect((await inquire('9491339499990005')).json.accountNo).toBe(byMobile.json.accountNo);
    expect(byMobile.json.accountNo).not.toBe(first.json.accountNo);
    // The same account after a reset: it is derived from the card.
    platform.reset();
    expect((await inquire(basicCard(HONG).cardNo)).json.accountNo).toBe(first.json.accountNo);
  });

  it('003_001 for an unknown card number, 003_022 for a terminated card', async () => {
    expectCode(await inquire('9491339499999999'), '003_001');
    expectCode(await inquire(giveCard(HONG, { status: 'TERMINATED' }).cardNo), '003_022');
  });
});

describe('cardLimitUpdate (49)', () => {
  const update = (userId: number, par: string, limits: Record<string, number>) => send(CARD_PATHS.limits, { userId, par, limits });

  it('replaces the card\'s limits (0 = no limit), as the card list shows', async () => {
    const card = basicCard(HONG);
    expectCode(await update(HONG, card.par, { once: 100_000, day: 300_000, month: 1_000_000 }), '000_000');
    expect((await listCards(HONG))[0]!.limits).toEqual({ once: 100_000, day: 300_000, month: 1_000_000 });
    expectCode(await update(HONG, card.par, { once: 50_000, day: 0, month: 0 }), '000_000');
    expect(card.limits).toEqual({ once: 50_000, day: 0, month: 0 });
  });

  it('000_002 when once > day or day > month (designed rule), leaving the limits as they were', async () => {
    const card = basicCard(HONG);
    expect((await update(HONG, card.par, { once: 300_000, day: 100_000, month: 1_000_000 })).json.response)
      .toEqual({ code: '000_002', description: 'Invalid input parameter: limits/once' });
    expect((await update(HONG, card.par, { once: 0, day: 100_000, month: 1_000_000 })).json.response)
      .toEqual({ code: '000_002', description: 'Invalid input parameter: limits/once' });
    expect((await update(HONG, card.par, { once: 10_000, day: 2_000_000, month: 1_000_000 })).json.response)
      .toEqual({ code: '000_002', description: 'Invalid input parameter: limits/day' });
    expect(card.limits).toEqual(DEFAULT_CARD_LIMITS);
  });

  it('003_024 for a member without a linked bank account, 003_021 / 003_022 for a card not held, 001_006 for an unknown member', async () => {
    const limits = { once: 1, day: 1, month: 1 };
    expectCode(await update(LEE, basicCard(LEE).par, limits), '003_024');
    expect(basicCard(LEE).limits).toEqual(DEFAULT_CARD_LIMITS);
    expectCode(await update(HONG, basicCard(KIM).par, limits), '003_021');
    expectCode(await update(HONG, giveCard(HONG, { status: 'TERMINATED' }).par, limits), '003_022');
    expectCode(await update(UNKNOWN, basicCard(HONG).par, limits), '001_006');
  });
});

describe('catalog request schemas refuse a bad value, naming the field', () => {
  const par = 'V001'.padEnd(27, 'A');
  const cases: Array<[Operation, Record<string, unknown>, string, string]> = [
    [cardList, { userId: 0 }, 'userId', 'minimum 1'],
    [cardList, { userId: HONG, physicalCardNo: '12345' }, 'physicalCardNo', 'minLength 16'],
    [cardStatusChange, { userId: HONG, par, status: 'CLOSE' }, 'status', 'one of SUSPEND|RESUME'],
    [cardTerminate, { userId: '1000000000000000000', par }, 'userId', 'maximum 999999999999999999'],
    [corporateBalanceLimitIncrease, { ...CORPORATION, corporationName: 'x'.repeat(81), userId: HONG, par }, 'corporationName', 'maxLength 80'],
    [corporateIdentificationStatus, { userId: HONG, par: 'short' }, 'par', 'minLength 27'],
    [cardUserMapping, { cardNo: 'abcdefghijklmnop' }, 'cardNo', 'pattern ^[0-9]{16}$'],
    [cardProductInquiry, { serviceIdList: [] }, 'serviceIdList', 'minItems 1'],
    [setMainCard, { userId: HONG, par, isMain: true }, 'isMain', 'unknown field'],
    [cardVirtualAccountInquiry, {}, 'cardNo', 'required'],
    [cardLimitUpdate, { userId: HONG, par, limits: { once: -1, day: 0, month: 0 } }, 'limits/once', 'minimum 0'],
  ];
  it.each(cases.map(([op, value, field, rule]) => [op.id, field, rule, op, value] as const))('%s: %s (%s)', (_id, field, rule, op, value) => {
    expect(firstViolation(op.request, value)).toEqual({ field, rule });
  });
});
