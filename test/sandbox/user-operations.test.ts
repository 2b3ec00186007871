/**
 * The member (회원) operations through the real sandbox server: sign-up with terms, the terms
 * catalogue and agreements, PIN checks and lock, reset and change, info change, cancellation,
 * dormancy, lookups by CI and duplicate checks.
 */
import { OPERATIONS } from '../../lib/catalog/operations';
import { dormantMemberActivate } from '../../lib/catalog/operations/dormant-member-activate';
import { loginIdDuplicateCheck } from '../../lib/catalog/operations/login-id-duplicate-check';
import { loginIdFind } from '../../lib/catalog/operations/login-id-find';
import { memberAuthInfo } from '../../lib/catalog/operations/member-auth-info';
import { memberInfo } from '../../lib/catalog/operations/member-info';
import { memberInfoUpdate } from '../../lib/catalog/operations/member-info-update';
import { memberLookupByCi } from '../../lib/catalog/operations/member-lookup-by-ci';
import { memberPasswordReset } from '../../lib/catalog/operations/member-password-reset';
import { memberPasswordVerify } from '../../lib/catalog/operations/member-password-verify';
import { memberUnregister } from '../../lib/catalog/operations/member-unregister';
import { termsAgreementUpdate } from '../../lib/catalog/operations/terms-agreement-update';
import { termsList } from '../../lib/catalog/operations/terms-list';
import { userRegister } from '../../lib/catalog/operations/user-register';
import type { TSchema } from '../../lib/catalog/schema';
import { firstViolation } from '../../lib/catalog/validate';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { call, stamp17, type ClientIdentity, type PlatformAnswer } from './support/kona-client';
import { HONG, newMember, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

/** Paths and request encryption as the platform pages (or our design) give them, written out independently of the catalog. */
const API = {
  register: { path: '/api/v1/user/registration', encrypt: true },
  info: { path: '/api/v1/user/info', encrypt: true },
  passwordReset: { path: '/api/v1/user/password/reset', encrypt: true },
  infoUpdate: { path: '/api/v1/user/info/update', encrypt: true },
  unregister: { path: '/api/v1/user/unregister', encrypt: false },
  loginIdFind: { path: '/api/v1/user/loginId/find', encrypt: true },
  dormancyActivate: { path: '/api/v1/user/dormancy/change-active', encrypt: true },
  termsAll: { path: '/api/v1/user/terms/all', encrypt: false },
  termsUpdate: { path: '/api/v1/user/terms/updateOptionalTermsAndConditions', encrypt: false },
  ciInfo: { path: '/api/v1/user/ci/info', encrypt: true },
  checkRegistrationId: { path: '/api/v1/user/checkRegistrationId', encrypt: true },
  passwordCheck: { path: '/api/v1/user/password/check', encrypt: false },
  deductionInfo: { path: '/api/v1/user/deduction/info', encrypt: true },
} as const;

type Api = keyof typeof API;

const send = (api: Api, fields: Record<string, unknown>) => call(platform.url, identity, API[api].path, fields, { encrypt: API[api].encrypt });
const outcome = (answer: PlatformAnswer) => [answer.status, answer.json.response.code];

/** Fixture members (sandbox/books/fixtures.ts). */
const KIM = HONG + 1;
const LEE = HONG + 2;
const SLEEPER = { userId: 50000104656n, loginId: 'park.sleeper', pin: '135790', userName: '박휴면', birthDate: '19880808', gender: 'Female' };
const BLOCKED = { userId: 50000104657n, loginId: 'choi.blocked', pin: '975310', userName: '최차단', birthDate: '19770707', gender: 'Male' };
const ALL_TERMS = ['29184', '29186', '29187', '29188', '601151', '601152', '604150', '606153'];
const MANDATORY = [29184, 29186, 29187, 29188];

const ciOf = (userId: number | bigint) => platform.state.member(BigInt(userId))!.ci;
const madeUpCi = (seed: string) => `${seed}${'Q'.repeat(86 - seed.length)}==`;

async function register(overrides: Record<string, unknown> = {}): Promise<{ userId: number; fields: Record<string, unknown> }> {
  const fields = newMember(overrides);
  const answer = await send('register', fields);
  expect(outcome(answer)).toEqual([200, '000_000']);
  return { userId: answer.json.userId as number, fields };
}

const verify = (loginId: string, loginPassword: string) => send('passwordCheck', { loginId, loginPassword });

interface TermsItem {
  tcId: number;
  tcActionType?: string;
  title: string;
  url: string;
  required: string;
  order: string;
  isAgree: boolean;
  agreeDate?: string;
  viewPositionType?: string;
}

async function terms(fields: Record<string, unknown> = {}): Promise<TermsItem[]> {
  const answer = await send('termsAll', fields);
  expect(outcome(answer)).toEqual([200, '000_000']);
  return answer.json.termsList as TermsItem[];
}

const agreed = (list: TermsItem[]) => list.filter((item) => item.isAgree).map((item) => item.tcId);

const USER_OPERATIONS = OPERATIONS.filter((op) => op.group === 'user');

describe('the test client agrees with the catalog', () => {
  it('on every user path and request encryption', () => {
    const byPath = new Map(USER_OPERATIONS.map((op) => [op.path, op]));
    for (const { path, encrypt } of Object.values(API)) expect(byPath.get(path)?.encrypted.request).toBe(encrypt);
    expect(USER_OPERATIONS.map((op) => op.n).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
});

describe('userRegister with terms (tcIdList)', () => {
  it('records the agreed terms with the sign-up time', async () => {
    const before = stamp17(Date.now());
    const { userId } = await register({ tcIdList: ['29184', '29186', '29187', '29188', '606153'] });
    const after = stamp17(Date.now());
    const list = await terms({ userId });
    expect(agreed(list)).toEqual([...MANDATORY, 606153]);
    for (const item of list.filter((entry) => entry.isAgree)) {
      expect(item.agreeDate).toMatch(/^\d{17}$/);
      expect(item.agreeDate! >= before && item.agreeDate! <= after).toBe(true);
    }
    expect(list.filter((item) => !item.isAgree).every((item) => item.agreeDate === undefined)).toBe(true);
  });

  it('still signs up without tcIdList (no agreements on record)', async () => {
    const { userId } = await register();
    expect(agreed(await terms({ userId }))).toEqual([]);
  });

  it('001_079 for an unknown terms id, and no member is created', async () => {
    const fields = newMember({ tcIdList: ['29184', '12345'] });
    const answer = await send('register', fields);
    expect(outcome(answer)).toEqual([400, '001_079']);
    expect(answer.json.response.description).toContain('12345');
    expect(outcome(await verify(fields.loginId as string, '123456'))).toEqual([400, '001_006']);
    expect(outcome(await send('register', { ...fields, tcIdList: ALL_TERMS }))).toEqual([200, '000_000']);
  });

  it('a provider-given CI makes the member authenticated; a derived one does not', async () => {
    const withCi = await register({ ci: madeUpCi('auth') });
    const without = await register();
    expect((await send('deductionInfo', { userId: withCi.userId })).json.isAuthed).toBe(true);
    expect((await send('deductionInfo', { userId: without.userId })).json.isAuthed).toBe(false);
  });
});

describe('termsList (/user/terms/all)', () => {
  it('lists the catalogue in display order, nothing agreed without a userId', async () => {
    const list = await terms();
    expect(list.map((item) => String(item.tcId))).toEqual(ALL_TERMS);
    expect(list.map((item) => item.order)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(list.filter((item) => item.required === 'MANDATORY').map((item) => item.tcId)).toEqual(MANDATORY);
    expect(list.every((item) => item.isAgree === false && item.agreeDate === undefined)).toBe(true);
    expect(list[0]).toEqual({ tcId: 29184, title: '전자금융거래 이용약관', url: expect.stringMatching(/^https:\/\//), required: 'MANDATORY', order: '1', isAgree: false });
  });

  it('filters by tcActionType and answers English titles for locale EN', async () => {
    expect((await terms({ tcActionType: 'OPEN_BANK' })).map((item) => [item.tcId, item.viewPositionType])).toEqual([[601152, 'OPEN_BANK']]);
    expect((await terms({ tcActionType: 'UNDER_14' }))).toEqual([]);
    const english = await terms({ locale: 'EN', tcActionType: 'MKT_NOTI' });
    expect(english.map((item) => item.title)).toEqual(['Consent to Receive Marketing Information']);
  });

  it('carries a fixture member\'s agreements and their dates (KST)', async () => {
    const list = await terms({ userId: HONG });
    expect(agreed(list)).toEqual([...MANDATORY, 601151]);
    // Fixture sign-up: 2024-01-01 00:00 UTC = 09:00 KST.
    expect(list.find((item) => item.tcId === 601151)?.agreeDate).toBe('20240101090000000');
  });

  it('001_006 for an unknown or dormant member', async () => {
    expect(outcome(await send('termsAll', { userId: 1 }))).toEqual([400, '001_006']);
    expect(outcome(await send('termsAll', { userId: SLEEPER.userId.toString() }))).toEqual([400, '001_006']);
  });
});

describe('termsAgreementUpdate (/user/terms/updateOptionalTermsAndConditions)', () => {
  it('agrees and withdraws in one call', async () => {
    const answer = await send('termsUpdate', { userId: HONG, tcList: [{ tcId: 606153, isAgree: true }, { tcId: 601151, isAgree: false }] });
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(Object.keys(answer.json)).toEqual(['response']);
    expect(agreed(await terms({ userId: HONG }))).toEqual([...MANDATORY, 606153]);
  });

  it('keeps the first agreement date when agreeing again', async () => {
    await send('termsUpdate', { userId: HONG, tcList: [{ tcId: 29184, isAgree: true }] });
    expect((await terms({ userId: HONG })).find((item) => item.tcId === 29184)?.agreeDate).toBe('20240101090000000');
  });

  it('001_081 for withdrawing mandatory terms, and nothing of the list is applied', async () => {
    const answer = await send('termsUpdate', { userId: HONG, tcList: [{ tcId: 606153, isAgree: true }, { tcId: 29186, isAgree: false }] });
    expect(outcome(answer)).toEqual([400, '001_081']);
    expect(agreed(await terms({ userId: HONG }))).toEqual([...MANDATORY, 601151]);
  });

  it('001_079 for an unknown terms id', async () => {
    expect(outcome(await send('termsUpdate', { userId: HONG, tcList: [{ tcId: 99999, isAgree: true }] }))).toEqual([400, '001_079']);
    expect(agreed(await terms({ userId: HONG }))).toEqual([...MANDATORY, 601151]);
  });

  it('001_006 for an unknown member; 000_002 naming the item field for a bad flag', async () => {
    expect(outcome(await send('termsUpdate', { userId: 1, tcList: [{ tcId: 29184, isAgree: true }] }))).toEqual([400, '001_006']);
    const bad = await send('termsUpdate', { userId: HONG, tcList: [{ tcId: 29184, isAgree: 'Y' }] });
    expect(bad.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: tcList/0/isAgree' });
  });
});

describe('memberPasswordVerify (/user/password/check)', () => {
  it('answers the userId for the right PIN', async () => {
    const answer = await verify('hong.gildong', '123456');
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(answer.json.userId).toBe(HONG);
  });

  it('001_045 for a wrong PIN, 001_006 for an unknown loginId', async () => {
    expect(outcome(await verify('hong.gildong', '654321'))).toEqual([400, '001_045']);
    expect(outcome(await verify('nobody.here', '123456'))).toEqual([400, '001_006']);
  });

  it('001_068 for a dormant member, 001_080 for a fraud-listed one', async () => {
    expect(outcome(await verify(SLEEPER.loginId, SLEEPER.pin))).toEqual([400, '001_068']);
    expect(outcome(await verify(BLOCKED.loginId, BLOCKED.pin))).toEqual([400, '001_080']);
  });

  it('locks after 5 wrong PINs in a row (001_069, even for the right PIN) until a reset by CI', async () => {
    for (let i = 0; i < 4; i++) expect(outcome(await verify('hong.gildong', '000000'))).toEqual([400, '001_045']);
    expect(outcome(await verify('hong.gildong', '000000'))).toEqual([400, '001_069']);
    expect(outcome(await verify('hong.gildong', '123456'))).toEqual([400, '001_069']);
    const reset = await send('passwordReset', { ci: ciOf(HONG), loginId: 'hong.gildong', newPassword: '112233' });
    expect(outcome(reset)).toEqual([200, '000_000']);
    expect((await verify('hong.gildong', '112233')).json.userId).toBe(HONG);
  });

  it('counts wrong PINs in a row only: a right one starts again', async () => {
    for (let i = 0; i < 4; i++) await verify('hong.gildong', '000000');
    expect(outcome(await verify('hong.gildong', '123456'))).toEqual([200, '000_000']);
    for (let i = 0; i < 4; i++) expect(outcome(await verify('hong.gildong', '000000'))).toEqual([400, '001_045']);
  });
});

describe('memberPasswordReset (/user/password/reset)', () => {
  it('resets by CI: the new PIN works, the old one no longer does', async () => {
    const answer = await send('passwordReset', { ci: ciOf(KIM), loginId: 'kim.younghee', newPassword: '777777' });
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(Object.keys(answer.json)).toEqual(['response']);
    expect((await verify('kim.younghee', '777777')).json.userId).toBe(KIM);
    expect(outcome(await verify('kim.younghee', '654321'))).toEqual([400, '001_045']);
  });

  it('changes by the current PIN (oldPassword)', async () => {
    expect(outcome(await send('passwordReset', { loginId: 'kim.younghee', oldPassword: '654321', newPassword: '888888' }))).toEqual([200, '000_000']);
    expect((await verify('kim.younghee', '888888')).json.userId).toBe(KIM);
  });

  it('001_043 when the new PIN equals the current one', async () => {
    expect(outcome(await send('passwordReset', { ci: ciOf(KIM), loginId: 'kim.younghee', newPassword: '654321' }))).toEqual([400, '001_043']);
    expect(outcome(await send('passwordReset', { loginId: 'kim.younghee', oldPassword: '654321', newPassword: '654321' }))).toEqual([400, '001_043']);
  });

  it('001_035 when the CI is not the member\'s; 001_045 for a wrong current PIN; nothing changes', async () => {
    expect(outcome(await send('passwordReset', { ci: ciOf(HONG), loginId: 'kim.younghee', newPassword: '777777' }))).toEqual([400, '001_035']);
    expect(outcome(await send('passwordReset', { loginId: 'kim.younghee', oldPassword: '111111', newPassword: '777777' }))).toEqual([400, '001_045']);
    expect((await verify('kim.younghee', '654321')).json.userId).toBe(KIM);
  });

  it('001_006 for an unknown or dormant loginId; 000_003 without ci or oldPassword', async () => {
    expect(outcome(await send('passwordReset', { ci: madeUpCi('x'), loginId: 'nobody.here', newPassword: '777777' }))).toEqual([400, '001_006']);
    expect(outcome(await send('passwordReset', { ci: ciOf(SLEEPER.userId), loginId: SLEEPER.loginId, newPassword: '777777' }))).toEqual([400, '001_006']);
    const missing = await send('passwordReset', { loginId: 'kim.younghee', newPassword: '777777' });
    expect(missing.json.response).toEqual({ code: '000_003', description: 'Missing required parameter: ci' });
  });
});

describe('memberInfoUpdate (/user/info/update)', () => {
  it('changes login ID, e-mail, phone and address, as member info then shows', async () => {
    const { userId, fields } = await register();
    const update = {
      userId,
      loginPassword: '123456',
      loginId: `renamed${userId}@example.com`,
      email: 'new.mail@example.com',
      mobileNumber: '01099990000',
      addressInfo: { address: '대전광역시 유성구 대학로 99', zipCode: '34141', addressDetail: '101호' },
    };
    expect(outcome(await send('infoUpdate', update))).toEqual([200, '000_000']);
    const info = (await send('info', { userId })).json.userInfo as Record<string, unknown>;
    expect(info).toMatchObject({ loginId: update.loginId, email: update.email, mobileNumber: update.mobileNumber, addressInfo: update.addressInfo, userName: fields.userName });
    // The login ID moved: the old one is unknown (and free), the new one logs in.
    expect(outcome(await verify(fields.loginId as string, '123456'))).toEqual([400, '001_006']);
    expect((await verify(update.loginId, '123456')).json.userId).toBe(userId);
    expect(outcome(await send('checkRegistrationId', { loginId: fields.loginId }))).toEqual([200, '000_000']);
  });

  it('001_045 for a wrong PIN, and nothing changes', async () => {
    expect(outcome(await send('infoUpdate', { userId: HONG, loginPassword: '999999', email: 'x@example.com' }))).toEqual([400, '001_045']);
    expect(((await send('info', { userId: HONG })).json.userInfo as { email: string }).email).toBe('gildong@example.com');
  });

  it('001_001 for a login ID another member holds; 000_003 with nothing to change; 001_006 for an unknown member', async () => {
    expect(outcome(await send('infoUpdate', { userId: HONG, loginPassword: '123456', loginId: 'kim.younghee' }))).toEqual([400, '001_001']);
    expect(outcome(await send('infoUpdate', { userId: HONG, loginPassword: '123456' }))).toEqual([400, '000_003']);
    expect(outcome(await send('infoUpdate', { userId: 1, loginPassword: '123456', email: 'x@example.com' }))).toEqual([400, '001_006']);
    expect((await verify('hong.gildong', '123456')).json.userId).toBe(HONG);
  });

  it('shares the PIN lock with password verification (001_069)', async () => {
    for (let i = 0; i < 5; i++) await verify('hong.gildong', '000000');
    expect(outcome(await send('infoUpdate', { userId: HONG, loginPassword: '123456', email: 'x@example.com' }))).toEqual([400, '001_069']);
  });
});

describe('memberUnregister (/user/unregister)', () => {
  it('cancels a member with empty cards: gone for every operation, cards terminated, login ID free again', async () => {
    const { userId, fields } = await register();
    const answer = await send('unregister', { userId });
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(Object.keys(answer.json)).toEqual(['response']);
    const member = platform.state.member(BigInt(userId))!;
    expect(member.status).toBe('UNREGISTERED');
    expect(member.cards.map((card) => card.status)).toEqual(['TERMINATED']);
    expect(outcome(await send('info', { userId }))).toEqual([400, '001_006']);
    expect(outcome(await send('deductionInfo', { userId }))).toEqual([400, '001_006']);
    expect(outcome(await verify(fields.loginId as string, '123456'))).toEqual([400, '001_006']);
    expect(outcome(await send('unregister', { userId }))).toEqual([400, '001_006']);
    const again = await send('register', fields);
    expect(outcome(again)).toEqual([200, '000_000']);
    expect(again.json.userId).not.toBe(userId);
  });

  it('001_052 while a card holds a balance or a pending charge; allowed once it is back to zero', async () => {
    expect(outcome(await send('unregister', { userId: HONG }))).toEqual([400, '001_052']);
    const card = platform.state.member(BigInt(HONG))!.cards[0]!;
    card.balance = 0;
    card.pendingAmount = 10_000;
    expect(outcome(await send('unregister', { userId: HONG }))).toEqual([400, '001_052']);
    expect(platform.state.member(BigInt(HONG))!.status).toBe('ACTIVE');
    card.pendingAmount = 0;
    expect(outcome(await send('unregister', { userId: HONG }))).toEqual([200, '000_000']);
    expect(platform.state.member(BigInt(HONG))!.status).toBe('UNREGISTERED');
  });

  it('001_006 for an unknown member', async () => {
    expect(outcome(await send('unregister', { userId: 1 }))).toEqual([400, '001_006']);
  });
});

describe('loginIdFind (/user/loginId/find)', () => {
  it('answers the login ID of the CI, sealed', async () => {
    const ci = madeUpCi('find');
    const { fields } = await register({ ci });
    const answer = await send('loginIdFind', { ci });
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(answer.jwe).toBeDefined();
    expect(answer.json.loginId).toBe(fields.loginId);
    expect((await send('loginIdFind', { ci: ciOf(HONG) })).json.loginId).toBe('hong.gildong');
  });

  it('001_006 for an unknown or dormant member\'s CI', async () => {
    expect(outcome(await send('loginIdFind', { ci: madeUpCi('none') }))).toEqual([400, '001_006']);
    expect(outcome(await send('loginIdFind', { ci: ciOf(SLEEPER.userId) }))).toEqual([400, '001_006']);
  });
});

describe('dormantMemberActivate (/user/dormancy/change-active)', () => {
  const activation = (overrides: Record<string, unknown> = {}) => ({
    ci: ciOf(SLEEPER.userId), userName: SLEEPER.userName, birthDate: SLEEPER.birthDate, gender: SLEEPER.gender, ...overrides,
  });

  it('reactivates a dormant member matched by CI and personal details', async () => {
    expect(outcome(await send('info', { userId: SLEEPER.userId.toString() }))).toEqual([400, '001_006']);
    expect(outcome(await send('dormancyActivate', activation()))).toEqual([200, '000_000']);
    expect(platform.state.member(SLEEPER.userId)!.status).toBe('ACTIVE');
    expect(((await send('info', { userId: SLEEPER.userId.toString() })).json.userInfo as { loginId: string }).loginId).toBe(SLEEPER.loginId);
    expect((await verify(SLEEPER.loginId, SLEEPER.pin)).json.userId).toBe(Number(SLEEPER.userId));
    expect((await send('deductionInfo', { userId: SLEEPER.userId.toString() })).json.isAuthed).toBe(true);
    // Active now: a second activation finds no dormant member.
    expect(outcome(await send('dormancyActivate', activation()))).toEqual([400, '001_087']);
  });

  it('001_087 when the details do not match or the member is not dormant', async () => {
    expect(outcome(await send('dormancyActivate', activation({ birthDate: '19880809' })))).toEqual([400, '001_087']);
    expect(outcome(await send('dormancyActivate', activation({ userName: '박휴먼' })))).toEqual([400, '001_087']);
    expect(outcome(await send('dormancyActivate', { ci: ciOf(HONG), userName: '홍길동', birthDate: '19900115', gender: 'Male' }))).toEqual([400, '001_087']);
    expect(platform.state.member(SLEEPER.userId)!.status).toBe('DORMANT');
  });

  it('001_006 for an unknown CI, 001_080 for a fraud-listed member', async () => {
    expect(outcome(await send('dormancyActivate', activation({ ci: madeUpCi('ghost') })))).toEqual([400, '001_006']);
    const blocked = { ci: ciOf(BLOCKED.userId), userName: BLOCKED.userName, birthDate: BLOCKED.birthDate, gender: BLOCKED.gender };
    expect(outcome(await send('dormancyActivate', blocked))).toEqual([400, '001_080']);
    expect(platform.state.member(BLOCKED.userId)!.status).toBe('DORMANT');
  });
});

describe('memberLookupByCi (/user/ci/info)', () => {
  it('answers the userId as a string, as documented', async () => {
    const answer = await send('ciInfo', { ci: ciOf(HONG) });
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(answer.json.userId).toBe(String(HONG));
    const { userId } = await register({ ci: madeUpCi('look') });
    expect((await send('ciInfo', { ci: madeUpCi('look') })).json.userId).toBe(String(userId));
  });

  it('001_006 for an unknown or dormant member\'s CI', async () => {
    expect(outcome(await send('ciInfo', { ci: madeUpCi('none') }))).toEqual([400, '001_006']);
    expect(outcome(await send('ciInfo', { ci: ciOf(SLEEPER.userId) }))).toEqual([400, '001_006']);
  });
});

describe('loginIdDuplicateCheck (/user/checkRegistrationId)', () => {
  it('000_000 for a free login ID or phone number', async () => {
    const answer = await send('checkRegistrationId', { loginId: 'free.login@example.com', mobileNumber: '01000000001' });
    expect(outcome(answer)).toEqual([200, '000_000']);
    expect(Object.keys(answer.json)).toEqual(['response']);
  });

  it('001_001 for a login ID or phone number in use, whichever is sent', async () => {
    expect(outcome(await send('checkRegistrationId', { loginId: 'hong.gildong' }))).toEqual([400, '001_001']);
    expect(outcome(await send('checkRegistrationId', { mobileNumber: '01012345678' }))).toEqual([400, '001_001']);
    expect(outcome(await send('checkRegistrationId', { loginId: 'free.login@example.com', mobileNumber: '01012345678' }))).toEqual([400, '001_001']);
    // Dormant members keep their login ID.
    expect(outcome(await send('checkRegistrationId', { loginId: SLEEPER.loginId }))).toEqual([400, '001_001']);
  });

  it('passes when the holder is the member named by userId', async () => {
    expect(outcome(await send('checkRegistrationId', { userId: HONG, loginId: 'hong.gildong' }))).toEqual([200, '000_000']);
    expect(outcome(await send('checkRegistrationId', { userId: HONG, mobileNumber: '01012345678' }))).toEqual([200, '000_000']);
    expect(outcome(await send('checkRegistrationId', { userId: KIM, loginId: 'hong.gildong' }))).toEqual([400, '001_001']);
  });

  it('agrees with sign-up: a registered login ID is taken', async () => {
    const { fields } = await register();
    expect(outcome(await send('checkRegistrationId', { loginId: fields.loginId }))).toEqual([400, '001_001']);
  });

  it('000_003 with neither loginId nor mobileNumber; 001_006 for an unknown userId', async () => {
    expect(outcome(await send('checkRegistrationId', { userId: HONG }))).toEqual([400, '000_003']);
    expect(outcome(await send('checkRegistrationId', { userId: 1, loginId: 'free.login@example.com' }))).toEqual([400, '001_006']);
  });
});

describe('memberAuthInfo (/user/deduction/info)', () => {
  it('isAuthed for identity-verified fixtures, not for the others', async () => {
    const answer = await send('deductionInfo', { userId: HONG });
    expect(answer.json).toEqual({ response: { code: '000_000', description: 'Success.' }, isAuthed: true });
    expect((await send('deductionInfo', { userId: LEE })).json.isAuthed).toBe(false);
  });

  it('001_006 for an unknown or dormant member', async () => {
    expect(outcome(await send('deductionInfo', { userId: 1 }))).toEqual([400, '001_006']);
    expect(outcome(await send('deductionInfo', { userId: SLEEPER.userId.toString() }))).toEqual([400, '001_006']);
  });
});

describe('a member of another ASP is as unknown as a missing one', () => {
  it('answers 001_006 by userId, loginId and CI', async () => {
    const hong = platform.state.member(BigInt(HONG))!;
    hong.aspId = '000170000009999';
    hong.cards[0]!.balance = 0;
    for (const [api, fields] of [
      ['info', { userId: HONG }],
      ['passwordCheck', { loginId: 'hong.gildong', loginPassword: '123456' }],
      ['passwordReset', { ci: hong.ci, loginId: 'hong.gildong', newPassword: '112233' }],
      ['infoUpdate', { userId: HONG, loginPassword: '123456', email: 'x@example.com' }],
      ['unregister', { userId: HONG }],
      ['loginIdFind', { ci: hong.ci }],
      ['ciInfo', { ci: hong.ci }],
      ['termsAll', { userId: HONG }],
      ['termsUpdate', { userId: HONG, tcList: [{ tcId: 606153, isAgree: true }] }],
      ['checkRegistrationId', { userId: HONG, loginId: 'free.login@example.com' }],
      ['deductionInfo', { userId: HONG }],
    ] as Array<[Api, Record<string, unknown>]>) {
      expect([api, ...outcome(await send(api, fields))]).toEqual([api, 400, '001_006']);
    }
    expect(hong.status).toBe('ACTIVE');
  });
});

describe('request schemas name the field at fault', () => {
  const CI = madeUpCi('schema');
  it.each<[string, TSchema, Record<string, unknown>, string]>([
    ['userRegister', userRegister.request, { ...newMember(), tcIdList: ['29184x'] }, 'tcIdList/0'],
    ['memberInfo', memberInfo.request, { userId: 0 }, 'userId'],
    ['memberPasswordReset', memberPasswordReset.request, { loginId: 'hong.gildong', newPassword: '12345' }, 'newPassword'],
    ['memberInfoUpdate', memberInfoUpdate.request, { userId: HONG, loginPassword: '123456', mobileNumber: '010-1234-5678' }, 'mobileNumber'],
    ['memberUnregister', memberUnregister.request, { userId: -5 }, 'userId'],
    ['loginIdFind', loginIdFind.request, { ci: 'too-short' }, 'ci'],
    ['dormantMemberActivate', dormantMemberActivate.request, { ci: CI, userName: '박휴면', birthDate: '19880230', gender: 'Female' }, 'birthDate'],
    ['termsList', termsList.request, { tcActionType: 'NEWSLETTER' }, 'tcActionType'],
    ['termsAgreementUpdate', termsAgreementUpdate.request, { userId: HONG, tcList: [{ tcId: 29184, isAgree: 'Y' }] }, 'tcList/0/isAgree'],
    ['memberLookupByCi', memberLookupByCi.request, { ci: 12345 }, 'ci'],
    ['loginIdDuplicateCheck', loginIdDuplicateCheck.request, { loginId: 'x'.repeat(81) }, 'loginId'],
    ['memberPasswordVerify', memberPasswordVerify.request, { loginId: 'hong.gildong', loginPassword: 'abcdef' }, 'loginPassword'],
    ['memberAuthInfo', memberAuthInfo.request, { userId: '12345678901234567890' }, 'userId'],
  ])('%s', (_id, schema, value, field) => {
    expect(firstViolation(schema, value)?.field).toBe(field);
  });

  it('refuses fields the platform does not know', () => {
    expect(firstViolation(memberPasswordVerify.request, { loginId: 'a', loginPassword: '123456', pin: '123456' })).toEqual({ field: 'pin', rule: 'unknown field' });
  });
});
