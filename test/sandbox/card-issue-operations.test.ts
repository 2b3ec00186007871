/**
 * Card issuance (카드 발급, 29-35, 37) through the real sandbox server: applications, delivery on
 * the sandbox clock, cancel, lost-card reissue, renewal, physical card registration and the
 * unregistered-card inquiry, each success and each refusal, with the effect on the member's cards.
 */
import {
  cardApplicationCancel,
  cardDeliveryStatus,
  cardIssueApplication,
  cardStatusChange,
  expiringCardRenewal,
  linkableMobileCardApplications,
  lostCardReissue,
  physicalCardRegister,
  unregisteredCardInquiry,
  type Operation,
} from '../../lib/catalog';
import { firstViolation } from '../../lib/catalog/validate';
import { BASIC_CARD_SERVICE_ID } from '../../sandbox/books/card-numbers';
import {
  GIFT_CARD_SERVICE_ID,
  LEGACY_CARD_SERVICE_ID,
  MOBILE_CARD_SERVICE_ID,
  NORMAL_CARD_SERVICE_ID,
  PREMIUM_CARD_SERVICE_ID,
} from '../../sandbox/books/card-products';
import { expiryEnd } from '../../sandbox/behaviours/card/expiring-card-renewal';
import type { PlatformHandle } from '../../sandbox/platform/server';
import type { CardRecord, Member } from '../../sandbox/books/records';
import { call, type ClientIdentity, type PlatformAnswer } from './support/kona-client';
import { HONG, newMember, PATHS, startTestPlatform } from './support/fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2026-03-10 00:30 KST: early in a Korean day, so "same day" still holds 7 hours later. */
const START = Date.UTC(2026, 2, 9, 15, 30);

let clock = START;
let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform({ now: () => clock }));
});
afterAll(() => platform.close());
beforeEach(() => {
  clock = START;
  platform.reset();
});

const ADDRESS = { address: '서울특별시 중구 세종대로 110', addressDetail: '3층', zipCode: '04524' };
const LEE = HONG + 2; // fixture member without any bank account
const KIM = HONG + 1;

/** Signs with the sandbox clock (the platform refuses a skewed X-KM-Tran-Time) and encrypts as the catalog says. */
function send(op: Operation, fields: Record<string, unknown>): Promise<PlatformAnswer> {
  return call(platform.url, identity, op.path, fields, { encrypt: op.encrypted.request, epochMs: clock });
}

async function ok(op: Operation, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await send(op, fields);
  expect([answer.status, answer.json.response]).toEqual([200, { code: '000_000', description: 'Success.' }]);
  // Sealed exactly when the catalog says so.
  expect(answer.plaintext !== undefined).toBe(op.encrypted.response);
  return answer.json;
}

async function refused(op: Operation, fields: Record<string, unknown>, code: string): Promise<string> {
  const answer = await send(op, fields);
  expect([answer.status, answer.json.response.code]).toEqual([400, code]);
  return answer.json.response.description;
}

const member = (userId: number): Member => platform.state.member(BigInt(userId))!;
const cardByPar = (userId: number, par: unknown): CardRecord => member(userId).cards.find((card) => card.par === par)!;

const origin = () => platform.url.replace(/\/open-api$/, '');
async function control(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${origin()}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface Printed {
  physicalCardNo: string;
  physicalCardExpDate: string;
  physicalCardCVC: string;
}

/** What the member reads off a delivered card (control API). */
async function plastic(cardApplyNo: unknown): Promise<Printed> {
  const { status, body } = await control(`/__sandbox/card-applications/${String(cardApplyNo)}/physical-card`);
  expect(status).toBe(200);
  return printedOf(body as unknown as Printed);
}

/** Only the three printed fields (the control API answers more). */
const printedOf = ({ physicalCardNo, physicalCardExpDate, physicalCardCVC }: Printed): Printed => ({ physicalCardNo, physicalCardExpDate, physicalCardCVC });

/** Applies for a card; delivery unless told otherwise. */
async function apply(userId: number, serviceId = NORMAL_CARD_SERVICE_ID, delivery = true, addressInfo = ADDRESS) {
  const json = await ok(cardIssueApplication, {
    userInfo: { userId },
    serviceId,
    isDeliveryRequired: delivery,
    ...(delivery && { addressInfo }),
  });
  return json as { cardApplyNo: string; mobileCardNo: string; mobileCardCVC: string; mobileCardPar: string };
}

const deliveryOf = async (userId: number, cardApplyNo: string) =>
  (await ok(cardDeliveryStatus, { userId, cardApplyNo })).status;

const linkable = async (userId: number) =>
  (await ok(linkableMobileCardApplications, { userId })).issuedCardList as Array<Record<string, unknown> & { digital: Record<string, string> }>;

describe('cardIssueApplication', () => {
  it('issues the mobile card at once and records the application with its delivery', async () => {
    const before = member(HONG).cards.length;
    const applied = await apply(HONG);
    expect(applied.cardApplyNo).toMatch(/^\d{22}$/);
    // yyyyMMddHHmmss of the application, Korean time.
    expect(applied.cardApplyNo.slice(0, 14)).toBe('20260310003000');
    expect(applied.mobileCardNo).toMatch(/^\d{16}$/);
    expect(applied.mobileCardCVC).toMatch(/^\d{3}$/);
    expect(applied.mobileCardPar).toHaveLength(27);

    const cards = member(HONG).cards;
    expect(cards).toHaveLength(before + 1);
    expect(cardByPar(HONG, applied.mobileCardPar)).toMatchObject({
      kind: 'issued', cardNo: applied.mobileCardNo, serviceId: NORMAL_CARD_SERVICE_ID, status: 'ACTIVE',
      balance: 0, isMain: false, cardApplyNo: applied.cardApplyNo,
    });
    expect(cardByPar(HONG, applied.mobileCardPar).physicalCardNo).toBeUndefined();
    expect(await deliveryOf(HONG, applied.cardApplyNo)).toBe('READY');
    expect(await linkable(HONG)).toEqual([{
      cardApplyNo: applied.cardApplyNo,
      issueType: 'ISSUE',
      digital: {
        cardNo: applied.mobileCardNo, par: applied.mobileCardPar, serviceId: NORMAL_CARD_SERVICE_ID,
        serviceName: '코나 선불카드 일반형', mobileCardCVC: applied.mobileCardCVC,
      },
      status: 'DIGITAL_ISSUED',
    }]);
  });

  it('issues a mobile-type card without delivery (nothing ships)', async () => {
    const applied = await apply(HONG, MOBILE_CARD_SERVICE_ID, false);
    expect(cardByPar(HONG, applied.mobileCardPar)).toMatchObject({ serviceId: MOBILE_CARD_SERVICE_ID, status: 'ACTIVE' });
    await refused(cardDeliveryStatus, { userId: HONG, cardApplyNo: applied.cardApplyNo }, '003_001');
    expect(await linkable(HONG)).toEqual([]);
  });

  it('003_024 for a normal-type card without delivery; nothing is issued', async () => {
    const before = member(HONG).cards.length;
    for (const fields of [{ isDeliveryRequired: false }, {}]) {
      const description = await refused(cardIssueApplication, { userInfo: { userId: HONG }, serviceId: NORMAL_CARD_SERVICE_ID, ...fields }, '003_024');
      expect(description).toBe('Card delivery should be required in case of normal type.');
    }
    expect(member(HONG).cards).toHaveLength(before);
  });

  it('000_002 for a product that cannot be applied for, 000_003 for delivery without an address, 001_006 for an unknown member', async () => {
    for (const serviceId of ['000170000009999', BASIC_CARD_SERVICE_ID, LEGACY_CARD_SERVICE_ID]) {
      expect(await refused(cardIssueApplication, { userInfo: { userId: HONG }, serviceId, isDeliveryRequired: true, addressInfo: ADDRESS }, '000_002'))
        .toBe('Invalid input parameter: serviceId');
    }
    expect(await refused(cardIssueApplication, { userInfo: { userId: HONG }, serviceId: NORMAL_CARD_SERVICE_ID, isDeliveryRequired: true }, '000_003'))
      .toBe('Missing required parameter: addressInfo');
    await refused(cardIssueApplication, { userInfo: { userId: 1 }, serviceId: NORMAL_CARD_SERVICE_ID, isDeliveryRequired: true, addressInfo: ADDRESS }, '001_006');
    expect(member(HONG).cards).toHaveLength(1);
  });
});

describe('cardDeliveryStatus', () => {
  it('moves along with the sandbox clock until the card arrives', async () => {
    const { cardApplyNo } = await apply(HONG);
    const seen: unknown[] = [];
    for (const at of [0, 1 * HOUR, 3 * HOUR, 6 * HOUR, 47 * HOUR, 48 * HOUR, 30 * DAY]) {
      clock = START + at;
      seen.push(await deliveryOf(HONG, cardApplyNo));
    }
    expect(seen).toEqual(['READY', 'RECEIPT', 'PRE_SHIPPING', 'SHIPPING', 'SHIPPING', 'ARRIVAL', 'ARRIVAL']);
  });

  it('RETURN for a card shipped to the undeliverable postal code 99999', async () => {
    const { cardApplyNo } = await apply(HONG, NORMAL_CARD_SERVICE_ID, true, { ...ADDRESS, zipCode: '99999' });
    clock += 6 * HOUR;
    expect(await deliveryOf(HONG, cardApplyNo)).toBe('SHIPPING');
    clock += 2 * DAY;
    expect(await deliveryOf(HONG, cardApplyNo)).toBe('RETURN');
    const { status } = await control(`/__sandbox/card-applications/${cardApplyNo}/physical-card`);
    expect(status).toBe(409);
  });

  it('003_001 for an application the member does not have, 001_006 for an unknown member', async () => {
    const { cardApplyNo } = await apply(HONG);
    await refused(cardDeliveryStatus, { userId: KIM, cardApplyNo }, '003_001');
    await refused(cardDeliveryStatus, { userId: HONG, cardApplyNo: '2'.repeat(22) }, '003_001');
    await refused(cardDeliveryStatus, { userId: 1, cardApplyNo }, '001_006');
  });
});

describe('cardApplicationCancel', () => {
  it('cancels on the day of application: the mobile card is discarded and the delivery canceled', async () => {
    const applied = await apply(HONG);
    clock += 2 * HOUR;
    const answer = await ok(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: HONG });
    expect(answer).toEqual({ response: expect.any(Object), mobileCardNo: applied.mobileCardNo, par: applied.mobileCardPar });
    expect(cardByPar(HONG, applied.mobileCardPar).status).toBe('TERMINATED');
    expect(await deliveryOf(HONG, applied.cardApplyNo)).toBe('CANCEL');
    expect(await linkable(HONG)).toEqual([]);
    // A canceled application cannot be canceled again.
    expect(await refused(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: HONG }, '003_003')).toBe('Card application already canceled.');
  });

  it('keeps the main card: discarding a main mobile card hands the role back to the basic card', async () => {
    const applied = await apply(HONG, MOBILE_CARD_SERVICE_ID, false);
    const basic = member(HONG).cards[0]!;
    basic.isMain = false;
    cardByPar(HONG, applied.mobileCardPar).isMain = true;
    await ok(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: HONG });
    expect(basic.isMain).toBe(true);
    expect(cardByPar(HONG, applied.mobileCardPar).isMain).toBe(false);
  });

  it('003_002 the next day (Korean calendar)', async () => {
    const applied = await apply(HONG, MOBILE_CARD_SERVICE_ID, false);
    clock = START + 23.5 * HOUR; // 00:00 KST the next day
    await refused(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: HONG }, '003_002');
    expect(cardByPar(HONG, applied.mobileCardPar).status).toBe('ACTIVE');
  });

  it('003_003 once the card is shipped, once the mobile card is used, and for a reissue', async () => {
    const shipped = await apply(HONG);
    clock += 7 * HOUR; // 07:30 KST, same day, in transit
    expect(await refused(cardApplicationCancel, { cardApplyNo: shipped.cardApplyNo, userId: HONG }, '003_003')).toMatch(/shipped \(SHIPPING\)/);

    const used = await apply(HONG);
    cardByPar(HONG, used.mobileCardPar).balance = 1_000;
    expect(await refused(cardApplicationCancel, { cardApplyNo: used.cardApplyNo, userId: HONG }, '003_003')).toBe('The mobile card has already been used.');
    expect(cardByPar(HONG, used.mobileCardPar).status).toBe('ACTIVE');

    cardByPar(HONG, used.mobileCardPar).status = 'SUSPENDED';
    const reissued = (await ok(lostCardReissue, { userInfo: { userId: HONG }, cardInfo: { oldCardNo: used.mobileCardNo }, isDeliveryRequired: true, addressInfo: ADDRESS })) as { cardApplyNo: string };
    expect(await refused(cardApplicationCancel, { cardApplyNo: reissued.cardApplyNo, userId: HONG }, '003_003')).toBe('A reissue cannot be canceled.');
  });

  it('003_013 for an application that is not the member\'s, 001_006 for an unknown member', async () => {
    const applied = await apply(HONG);
    await refused(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: KIM }, '003_013');
    await refused(cardApplicationCancel, { cardApplyNo: '1'.repeat(22), userId: HONG }, '003_013');
    await refused(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: 1 }, '001_006');
    expect(cardByPar(HONG, applied.mobileCardPar).status).toBe('ACTIVE');
  });
});

describe('physicalCardRegister and linkableMobileCardApplications', () => {
  it('links the delivered card of an issuance to its pre-issued mobile card', async () => {
    const applied = await apply(HONG);
    await refused(physicalCardRegister, { userId: HONG, cardApplyNo: applied.cardApplyNo, physicalCardNo: '9'.repeat(16), physicalCardExpDate: '3108', physicalCardCVC: '123' }, '003_012');
    expect((await control(`/__sandbox/card-applications/${applied.cardApplyNo}/physical-card`)).status).toBe(409);

    clock += 2 * DAY;
    expect((await linkable(HONG))[0]).toMatchObject({ cardApplyNo: applied.cardApplyNo, status: 'PHYSICAL_ISSUED' });
    const printed = await plastic(applied.cardApplyNo);
    expect(printed.physicalCardNo).toMatch(/^\d{16}$/);
    expect(printed.physicalCardNo).not.toBe(applied.mobileCardNo);
    // The plastic expires with its mobile card.
    expect(printed.physicalCardExpDate).toBe(cardByPar(HONG, applied.mobileCardPar).expiryDate.slice(0, 4));

    const wrongCvc = String((Number(printed.physicalCardCVC) + 1) % 1000).padStart(3, '0');
    await refused(physicalCardRegister, { userId: HONG, cardApplyNo: applied.cardApplyNo, ...printed, physicalCardCVC: wrongCvc }, '003_001');
    await refused(physicalCardRegister, { userId: HONG, cardApplyNo: applied.cardApplyNo, ...printed, physicalCardExpDate: '3012' }, '003_001');

    const registered = await ok(physicalCardRegister, { userId: HONG, cardApplyNo: applied.cardApplyNo, ...printed });
    expect(registered).toMatchObject({ mobileCardNo: applied.mobileCardNo, par: applied.mobileCardPar, serviceId: NORMAL_CARD_SERVICE_ID });
    expect(cardByPar(HONG, applied.mobileCardPar).physicalCardNo).toBe(printed.physicalCardNo);
    expect(platform.state.findCard({ cardNo: printed.physicalCardNo })?.card.par).toBe(applied.mobileCardPar);
    expect(await linkable(HONG)).toEqual([]);
    expect(await deliveryOf(HONG, applied.cardApplyNo)).toBe('ARRIVAL');
    // Registered once: the application is done.
    await refused(physicalCardRegister, { userId: HONG, cardApplyNo: applied.cardApplyNo, ...printed }, '003_012');
  });

  it('finds the application by the card number when cardApplyNo is left out', async () => {
    const applied = await apply(HONG);
    clock += 2 * DAY;
    const printed = await plastic(applied.cardApplyNo);
    await refused(physicalCardRegister, { userId: KIM, ...printed }, '003_001');
    expect(await ok(physicalCardRegister, { userId: HONG, ...printed })).toMatchObject({ par: applied.mobileCardPar });
    await refused(physicalCardRegister, { userId: HONG, ...printed }, '003_001');
  });

  it('registers a card sold unregistered: a new mobile card carries the money loaded on it', async () => {
    const { body } = await control('/__sandbox/physical-cards/stock');
    const stock = body.physicalCards as Array<Printed & { serviceId: string; balance: number; registered: boolean }>;
    expect(stock.map((card) => [card.serviceId, card.balance, card.registered])).toEqual([
      [GIFT_CARD_SERVICE_ID, 10_000, false], [GIFT_CARD_SERVICE_ID, 30_000, false], [GIFT_CARD_SERVICE_ID, 50_000, false], [NORMAL_CARD_SERVICE_ID, 0, false],
    ]);
    const { physicalCardNo, physicalCardExpDate, physicalCardCVC } = stock[1]!;
    expect(physicalCardExpDate).toBe('3108');
    const registered = await ok(physicalCardRegister, { userId: KIM, physicalCardNo, physicalCardExpDate, physicalCardCVC });
    expect(registered.serviceId).toBe(GIFT_CARD_SERVICE_ID);
    expect(cardByPar(KIM, registered.par)).toMatchObject({
      cardNo: registered.mobileCardNo, physicalCardNo, balance: 30_000, status: 'ACTIVE', expiryDate: '310831', isMain: false,
    });
    await refused(physicalCardRegister, { userId: HONG, physicalCardNo, physicalCardExpDate, physicalCardCVC }, '003_001');
    const after = (await control('/__sandbox/physical-cards/stock')).body.physicalCards as Array<{ registered: boolean; balance: number }>;
    expect(after[1]).toMatchObject({ registered: true, balance: 0 });
  });

  it('003_013 for an application that is not the member\'s, 003_014 when the mobile card to link is terminated, 001_006', async () => {
    const applied = await apply(HONG);
    clock += 2 * DAY;
    const printed = await plastic(applied.cardApplyNo);
    await refused(physicalCardRegister, { userId: KIM, cardApplyNo: applied.cardApplyNo, ...printed }, '003_013');
    await refused(physicalCardRegister, { userId: HONG, cardApplyNo: '3'.repeat(22), ...printed }, '003_013');
    await refused(physicalCardRegister, { userId: 1, cardApplyNo: applied.cardApplyNo, ...printed }, '001_006');

    // Lost before the plastic arrived: the reissue terminates the pre-issued mobile card.
    cardByPar(HONG, applied.mobileCardPar).status = 'SUSPENDED';
    await ok(lostCardReissue, { userInfo: { userId: HONG }, cardInfo: { oldCardNo: applied.mobileCardNo }, isDeliveryRequired: true, addressInfo: ADDRESS });
    expect((await linkable(HONG)).map((entry) => entry.issueType)).toEqual(['REISSUE']);
    await refused(physicalCardRegister, { userId: HONG, cardApplyNo: applied.cardApplyNo, ...printed }, '003_014');
    expect(cardByPar(HONG, applied.mobileCardPar).physicalCardNo).toBeUndefined();
  });
});

describe('lostCardReissue', () => {
  async function lostCard(userId: number, serviceId = NORMAL_CARD_SERVICE_ID, balance = 20_000) {
    const applied = await apply(userId, serviceId);
    const card = cardByPar(userId, applied.mobileCardPar);
    card.balance = balance;
    card.status = 'SUSPENDED';
    return { applied, card };
  }
  const reissue = (userId: number, oldCardNo: string, extra: Record<string, unknown> = { isDeliveryRequired: true, addressInfo: ADDRESS }) =>
    ({ userInfo: { userId }, cardInfo: { oldCardNo }, ...extra });

  it('issues a replacement that takes over the balance, limits, real-name registration, sub cards and main role; the old card is terminated', async () => {
    const applied = await apply(HONG);
    const card = cardByPar(HONG, applied.mobileCardPar);
    card.balance = 20_000;
    card.limits = { once: 100_000, day: 200_000, month: 300_000 };
    card.named = 'individual';
    member(HONG).cards[0]!.isMain = false;
    card.isMain = true;
    const sub = { ...platform.state.newCard('issued', NORMAL_CARD_SERVICE_ID), subOf: card.par };
    member(HONG).cards.push(sub);
    // Reported lost through the card management operation.
    await ok(cardStatusChange, { userId: HONG, cardNo: applied.mobileCardNo, status: 'SUSPEND' });
    expect(card.status).toBe('SUSPENDED');
    const answer = (await ok(lostCardReissue, reissue(HONG, applied.mobileCardNo))) as { cardApplyNo: string; mobileCardNo: string; mobileCardCVC: string; mobileCardPar: string };
    expect(answer.cardApplyNo).toMatch(/^\d{22}$/);
    expect(answer.mobileCardCVC).toMatch(/^\d{3}$/);
    expect(answer.mobileCardNo).not.toBe(applied.mobileCardNo);
    expect(card).toMatchObject({ status: 'TERMINATED', balance: 0, isMain: false });
    expect(cardByPar(HONG, answer.mobileCardPar)).toMatchObject({
      cardNo: answer.mobileCardNo, status: 'ACTIVE', balance: 20_000, isMain: true, serviceId: NORMAL_CARD_SERVICE_ID,
      limits: { once: 100_000, day: 200_000, month: 300_000 }, cardApplyNo: answer.cardApplyNo, named: 'individual',
    });
    expect(sub.subOf).toBe(answer.mobileCardPar);
    expect(await deliveryOf(HONG, answer.cardApplyNo)).toBe('READY');
    // The replacement's plastic links to the replacement.
    clock += 2 * DAY;
    const printed = await plastic(answer.cardApplyNo);
    expect(await ok(physicalCardRegister, { userId: HONG, cardApplyNo: answer.cardApplyNo, ...printed })).toMatchObject({ par: answer.mobileCardPar });
  });

  it('works with the lost card\'s physical card number, and moves a discontinued product to its successor', async () => {
    const legacy = platform.state.newCard('issued', LEGACY_CARD_SERVICE_ID);
    legacy.physicalCardNo = '9491339599999995';
    legacy.status = 'SUSPENDED';
    legacy.balance = 7_000;
    member(KIM).cards.push(legacy);
    const answer = await ok(lostCardReissue, reissue(KIM, '9491339599999995'));
    expect(cardByPar(KIM, answer.mobileCardPar)).toMatchObject({ serviceId: NORMAL_CARD_SERVICE_ID, balance: 7_000 });
  });

  it('003_018 for a card already reissued, 003_020 while another reissue is in progress', async () => {
    const first = await lostCard(HONG);
    await ok(lostCardReissue, reissue(HONG, first.applied.mobileCardNo));
    await refused(lostCardReissue, reissue(HONG, first.applied.mobileCardNo), '003_018');
    const second = await lostCard(HONG, MOBILE_CARD_SERVICE_ID);
    await refused(lostCardReissue, reissue(HONG, second.applied.mobileCardNo), '003_020');
    expect(second.card).toMatchObject({ status: 'SUSPENDED', balance: 20_000 });
  });

  it('003_005 for a card not reported lost, 003_001 for a card the member does not have, 001_006', async () => {
    const applied = await apply(HONG);
    await refused(lostCardReissue, reissue(HONG, applied.mobileCardNo), '003_005');
    await refused(lostCardReissue, reissue(KIM, applied.mobileCardNo), '003_001');
    await refused(lostCardReissue, reissue(1, applied.mobileCardNo), '001_006');
    expect(cardByPar(HONG, applied.mobileCardPar).status).toBe('ACTIVE');
  });

  it('003_044 for a member whose authentication is not complete', async () => {
    const { applied, card } = await lostCard(HONG);
    member(HONG).authenticated = false;
    await refused(lostCardReissue, reissue(HONG, applied.mobileCardNo), '003_044');
    expect(card.status).toBe('SUSPENDED');
  });

  it('003_048 for a product that is never reissued or a next product that cannot be issued', async () => {
    const gift = await lostCard(HONG, GIFT_CARD_SERVICE_ID);
    await refused(lostCardReissue, reissue(HONG, gift.applied.mobileCardNo), '003_048');
    const normal = await lostCard(HONG);
    for (const serviceId of [BASIC_CARD_SERVICE_ID, LEGACY_CARD_SERVICE_ID, '000170000009999']) {
      await refused(lostCardReissue, reissue(HONG, normal.applied.mobileCardNo, { serviceId, isDeliveryRequired: true, addressInfo: ADDRESS }), '003_048');
    }
    // The basic mobile card comes with sign-up and is not reissued either.
    const basic = member(HONG).cards[0]!;
    basic.status = 'SUSPENDED';
    await refused(lostCardReissue, reissue(HONG, basic.cardNo, { isDeliveryRequired: false }), '003_048');
  });

  it('003_024 for a normal-type replacement without delivery; a mobile-type one may skip it', async () => {
    const normal = await lostCard(HONG);
    await refused(lostCardReissue, reissue(HONG, normal.applied.mobileCardNo, {}), '003_024');
    const mobile = await lostCard(KIM, MOBILE_CARD_SERVICE_ID);
    const answer = await ok(lostCardReissue, reissue(KIM, mobile.applied.mobileCardNo, { isDeliveryRequired: false }));
    await refused(cardDeliveryStatus, { userId: KIM, cardApplyNo: answer.cardApplyNo }, '003_001');
    expect(cardByPar(KIM, answer.mobileCardPar).balance).toBe(20_000);
  });

  it('withdraws the fee of a paid product: 007_001 without an account, 003_019 when the account refuses', async () => {
    const noAccount = await lostCard(LEE, PREMIUM_CARD_SERVICE_ID);
    await refused(lostCardReissue, reissue(LEE, noAccount.applied.mobileCardNo), '007_001');
    expect(noAccount.card.status).toBe('SUSPENDED');

    const added = await control(`/__sandbox/members/${LEE}/accounts`, {
      method: 'POST', body: JSON.stringify({ kind: 'normal', bankAccount: '110222220019', bankCode: '088', bankName: '신한' }),
    });
    expect(added.status).toBe(201);
    await refused(lostCardReissue, reissue(LEE, noAccount.applied.mobileCardNo), '003_019');

    await control(`/__sandbox/members/${LEE}/accounts`, {
      method: 'POST', body: JSON.stringify({ kind: 'normal', bankAccount: '110222221234', bankCode: '088', bankName: '신한' }),
    });
    const answer = await ok(lostCardReissue, reissue(LEE, noAccount.applied.mobileCardNo));
    expect(platform.state.cardApplications.get(answer.cardApplyNo as string)?.fee).toBe(5_000);
    expect(cardByPar(LEE, answer.mobileCardPar).balance).toBe(20_000);
  });
});

describe('expiringCardRenewal', () => {
  /** A normal card of the member with balance, and the clock moved to `daysLeft` days before its expiry ends. */
  async function expiringCard(userId: number, daysLeft: number, serviceId = NORMAL_CARD_SERVICE_ID) {
    const applied = await apply(userId, serviceId);
    const card = cardByPar(userId, applied.mobileCardPar);
    card.balance = 12_345;
    clock = expiryEnd(card.expiryDate) - daysLeft * DAY;
    return { applied, card };
  }
  const renew = (userId: number, oldCardNo: string) => ({ userInfo: { userId }, addressInfo: ADDRESS, cardInfo: { oldCardNo } });

  it('ships a new card; registering it issues the new mobile card, moves the balance and ends the old card', async () => {
    const { applied, card } = await expiringCard(HONG, 20);
    const { cardApplyNo } = (await ok(expiringCardRenewal, renew(HONG, applied.mobileCardNo))) as { cardApplyNo: string };
    expect(cardApplyNo).toMatch(/^\d{22}$/);
    // Nothing changes until the new card is registered; a renewal has no pre-issued mobile card.
    expect(card).toMatchObject({ status: 'ACTIVE', balance: 12_345 });
    expect(await linkable(HONG)).toHaveLength(1); // only the original issuance
    expect(await deliveryOf(HONG, cardApplyNo)).toBe('READY');

    clock += 2 * DAY;
    const printed = await plastic(cardApplyNo);
    expect(Number(printed.physicalCardExpDate.slice(0, 2))).toBeGreaterThan(Number(card.expiryDate.slice(0, 2)));
    const registered = await ok(physicalCardRegister, { userId: HONG, cardApplyNo, ...printed });
    expect(registered.mobileCardNo).not.toBe(applied.mobileCardNo);
    expect(card).toMatchObject({ status: 'TERMINATED', balance: 0 });
    expect(cardByPar(HONG, registered.par)).toMatchObject({
      status: 'ACTIVE', balance: 12_345, physicalCardNo: printed.physicalCardNo, cardApplyNo, serviceId: NORMAL_CARD_SERVICE_ID,
    });
    expect(cardByPar(HONG, registered.par).expiryDate.slice(0, 4)).toBe(printed.physicalCardExpDate);
    await refused(expiringCardRenewal, renew(HONG, applied.mobileCardNo), '003_004');
  });

  it('003_004 while a renewal is in progress, 003_006 more than 30 days before expiry', async () => {
    const { applied } = await expiringCard(HONG, 31);
    await refused(expiringCardRenewal, renew(HONG, applied.mobileCardNo), '003_006');
    clock += 1 * DAY;
    await ok(expiringCardRenewal, renew(HONG, applied.mobileCardNo));
    await refused(expiringCardRenewal, renew(HONG, applied.mobileCardNo), '003_004');
  });

  it('003_005 for a terminated card, 003_008 for a card the member does not have, 001_006', async () => {
    const applied = await apply(HONG, MOBILE_CARD_SERVICE_ID, false);
    await ok(cardApplicationCancel, { cardApplyNo: applied.cardApplyNo, userId: HONG });
    await refused(expiringCardRenewal, renew(HONG, applied.mobileCardNo), '003_005');
    await refused(expiringCardRenewal, renew(KIM, applied.mobileCardNo), '003_008');
    await refused(expiringCardRenewal, renew(1, applied.mobileCardNo), '001_006');
  });

  it('003_007 for a member without a name, 003_009 for a product that is not reissued', async () => {
    const registered = await call(platform.url, identity, PATHS.register, newMember({ userName: ' ' }), { encrypt: true, epochMs: clock });
    const nameless = registered.json.userId as number;
    const { applied } = await expiringCard(nameless, 10);
    await refused(expiringCardRenewal, renew(nameless, applied.mobileCardNo), '003_007');

    const gift = await expiringCard(HONG, 10, GIFT_CARD_SERVICE_ID);
    await refused(expiringCardRenewal, renew(HONG, gift.applied.mobileCardNo), '003_009');
    const basic = member(HONG).cards[0]!;
    clock = expiryEnd(basic.expiryDate) - 5 * DAY;
    await refused(expiringCardRenewal, renew(HONG, basic.cardNo), '003_009');
  });

  it('003_010 when the fee of a paid product cannot be withdrawn', async () => {
    const { applied } = await expiringCard(LEE, 10, PREMIUM_CARD_SERVICE_ID);
    await refused(expiringCardRenewal, renew(LEE, applied.mobileCardNo), '003_010');
    await control(`/__sandbox/members/${LEE}/accounts`, {
      method: 'POST', body: JSON.stringify({ kind: 'normal', bankAccount: '3333012340019', bankCode: '090', bankName: '카카오뱅크' }),
    });
    await refused(expiringCardRenewal, renew(LEE, applied.mobileCardNo), '003_010');
    const premium = await expiringCard(HONG, 10, PREMIUM_CARD_SERVICE_ID);
    const { cardApplyNo } = (await ok(expiringCardRenewal, renew(HONG, premium.applied.mobileCardNo))) as { cardApplyNo: string };
    expect(platform.state.cardApplications.get(cardApplyNo)?.fee).toBe(5_000);
  });
});

describe('unregisteredCardInquiry', () => {
  it('answers a card sold unregistered and a delivered application card, until registered', async () => {
    const stock = printedOf(((await control('/__sandbox/physical-cards/stock')).body.physicalCards as Printed[])[0]!);
    const query = (card: Printed) => ({ cardNo: card.physicalCardNo, expiryDate: card.physicalCardExpDate, cardCVC: card.physicalCardCVC });
    expect(await ok(unregisteredCardInquiry, query(stock))).toEqual({
      response: expect.any(Object), cardNo: stock.physicalCardNo, serviceId: GIFT_CARD_SERVICE_ID, serviceName: '코나 기프트카드', balance: 10_000,
    });
    await refused(unregisteredCardInquiry, { ...query(stock), cardCVC: stock.physicalCardCVC === '000' ? '001' : '000' }, '003_001');
    await refused(unregisteredCardInquiry, { ...query(stock), expiryDate: '3107' }, '003_001');
    await refused(unregisteredCardInquiry, { ...query(stock), cardNo: '9491339500000000' }, '003_001');
    await ok(physicalCardRegister, { userId: HONG, ...stock });
    await refused(unregisteredCardInquiry, query(stock), '003_001');

    const applied = await apply(KIM);
    clock += 2 * DAY;
    const printed = await plastic(applied.cardApplyNo);
    expect(await ok(unregisteredCardInquiry, query(printed))).toMatchObject({ serviceId: NORMAL_CARD_SERVICE_ID, balance: 0, cardApplyNo: applied.cardApplyNo });
    await ok(physicalCardRegister, { userId: KIM, cardApplyNo: applied.cardApplyNo, ...printed });
    await refused(unregisteredCardInquiry, query(printed), '003_001');
  });

  it('003_001 for an application card still on its way', async () => {
    const applied = await apply(KIM);
    clock += 2 * DAY;
    const printed = await plastic(applied.cardApplyNo);
    clock = START;
    await refused(unregisteredCardInquiry, { cardNo: printed.physicalCardNo, expiryDate: printed.physicalCardExpDate, cardCVC: printed.physicalCardCVC }, '003_001');
  });
});

describe('the state survives a reset only as fixtures', () => {
  it('clears applications, deliveries and registered stock', async () => {
    const applied = await apply(HONG);
    platform.reset();
    expect(platform.state.cardApplications.get(applied.cardApplyNo)).toBeUndefined();
    expect(platform.state.cardApplications.stock().every((card) => card.registeredPar === undefined)).toBe(true);
    expect((await control(`/__sandbox/card-applications/${applied.cardApplyNo}/physical-card`)).status).toBe(404);
  });
});

describe('card issuance request schemas name the field at fault', () => {
  const printed = { physicalCardNo: '9491339500000017', physicalCardExpDate: '3108', physicalCardCVC: '123' };
  it.each(([
    [cardIssueApplication, { userInfo: { userId: HONG }, serviceId: '00017000000200' }, 'serviceId', 'minLength 15'],
    [cardIssueApplication, { userInfo: { userId: HONG }, serviceId: NORMAL_CARD_SERVICE_ID, isDeliveryRequired: true, addressInfo: { ...ADDRESS, zipCode: '0452' } }, 'addressInfo/zipCode', 'minLength 5'],
    [cardApplicationCancel, { cardApplyNo: '1'.repeat(21), userId: HONG }, 'cardApplyNo', 'minLength 22'],
    [lostCardReissue, { userInfo: { userId: HONG }, cardInfo: { oldCardNo: '94913394000001X' } }, 'cardInfo/oldCardNo', 'minLength 16'],
    [expiringCardRenewal, { userInfo: { userId: HONG }, cardInfo: { oldCardNo: '9491339400000017' } }, 'addressInfo', 'required'],
    [cardDeliveryStatus, { userId: 0, cardApplyNo: '1'.repeat(22) }, 'userId', 'minimum 1'],
    [linkableMobileCardApplications, { userId: HONG, par: 'x' }, 'par', 'unknown field'],
    [physicalCardRegister, { userId: HONG, ...printed, physicalCardExpDate: '3113' }, 'physicalCardExpDate', 'pattern ^[0-9]{2}(0[1-9]|1[0-2])$'],
    [unregisteredCardInquiry, { cardNo: printed.physicalCardNo, expiryDate: '3108', cardCVC: '12a' }, 'cardCVC', 'pattern ^[0-9]{3}$'],
  ] as Array<[Operation, Record<string, unknown>, string, string]>).map(([op, ...rest]) => [op.id, op, ...rest] as const))(
    '%s refuses a bad value',
    (_id, op, value, field, rule) => {
      expect(firstViolation(op.request, value)).toEqual({ field, rule });
    },
  );

  it('and the sandbox answers such a request 000_002 / 000_003 / 000_015 naming the field', async () => {
    expect(await refused(physicalCardRegister, { userId: HONG, ...printed, physicalCardExpDate: '3113' }, '000_002')).toBe('Invalid input parameter: physicalCardExpDate');
    expect(await refused(expiringCardRenewal, { userInfo: { userId: HONG }, cardInfo: { oldCardNo: '9491339400000017' } }, '000_003')).toBe('Missing required parameter: addressInfo');
    expect(await refused(cardApplicationCancel, { cardApplyNo: '1'.repeat(21), userId: HONG }, '000_015')).toBe('Invalid parameter length: cardApplyNo');
  });
});
