/**
 * The account group (계좌) against the real sandbox server: the bank list, the ARS registration
 * flow (real-name check → auth number → registration → status, completing on the sandbox clock),
 * the registered account, auto-recharge account, deletion, real-name card registration and the
 * threshold auto-recharge rule; every refusal the catalog lists for them.
 */
import {
  arsAuthNumberGeneration,
  autoRechargeAccountRegistration,
  bankAccountArsRegistration,
  bankAccountDeletion,
  bankAccountHolderVerification,
  bankAccountInquiry,
  bankAccountRegistrationStatus,
  financialInstitutionList,
  individualBalanceLimitIncrease,
  registeredBankAccountInfo,
  thresholdAutoRechargeUpdate,
} from '../../lib/catalog/operations';
import type { Operation } from '../../lib/catalog/types';
import { firstViolation } from '../../lib/catalog/validate';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { call, codeOf, type ClientIdentity, type PlatformAnswer } from './support/kona-client';
import { HONG, newMember, PATHS, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;
/** The sandbox clock runs `offset` ms ahead of the wall clock; tests move it forward. */
let offset = 0;
const advance = (ms: number) => {
  offset += ms;
};

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform({ now: () => Date.now() + offset }));
});
afterAll(() => platform.close());

/** Calls an operation the way its catalog entry says (encrypted request when it is). */
function send(op: Operation, fields: Record<string, unknown>): Promise<PlatformAnswer> {
  return call(platform.url, identity, op.path, fields, { encrypt: op.encrypted.request, epochMs: Date.now() + offset });
}

const OK = [200, '000_000'];
const refused = (code: string) => [400, code];

const MEMBER = { userName: '박지민', birthDate: '19920304' } as const;

/** A fresh member (newMember's profile: 박지민, 19920304), so tests do not share accounts. */
async function freshMember(): Promise<number> {
  const answer = await call(platform.url, identity, PATHS.register, newMember(), { encrypt: true, epochMs: Date.now() + offset });
  expect(codeOf(answer)).toEqual(OK);
  return answer.json.userId as number;
}

let accountSequence = 0;
/** A plain test account number: ends in 7, never one of the magic suffixes (0011, 0014, 0015, 0016). */
const plainAccount = () => `3333${String(++accountSequence).padStart(7, '0')}7`;
const magicAccount = (suffix: string) => `33330${String(++accountSequence).padStart(5, '0')}${suffix}`;

interface AccountInput {
  bankCode: string;
  bankAccount: string;
  bankName?: string;
}

const kakao = (bankAccount: string = plainAccount()): AccountInput => ({ bankCode: '090', bankAccount, bankName: '카카오' });

const verify = (userId: number, account: AccountInput, holder: Record<string, string> = MEMBER) =>
  send(bankAccountHolderVerification, { bankAccount: account.bankAccount, bankCode: account.bankCode, userId, ...holder });

const authNumber = (userId: number) => send(arsAuthNumberGeneration, { userId });

const register = (userId: number, account: AccountInput, holder: Record<string, string> = MEMBER) =>
  send(bankAccountArsRegistration, { userId, bankCode: account.bankCode, bankAccount: account.bankAccount, bankName: account.bankName ?? '은행', ...holder });

const statusOf = (regNo: string) => send(bankAccountRegistrationStatus, { regNo });
const inquire = (userId: number) => send(bankAccountInquiry, { userId });

/** Steps 1-3 of the flow; answers the regNo. */
async function startRegistration(userId: number, account: AccountInput): Promise<string> {
  expect(codeOf(await verify(userId, account))).toEqual(OK);
  expect(codeOf(await authNumber(userId))).toEqual(OK);
  const registered = await register(userId, account);
  expect(codeOf(registered)).toEqual(OK);
  return registered.json.bankAccRegNo as string;
}

/** The whole flow, clock moved past completion and the status polled once. */
async function registerAccount(userId: number, account: AccountInput = kakao()): Promise<string> {
  const regNo = await startRegistration(userId, account);
  advance(600);
  expect((await statusOf(regNo)).json.status).toBe('BANK_ACC_REGISTERED');
  return regNo;
}

const memberOf = (userId: number) => platform.state.member(BigInt(userId))!;
const mainCardOf = (userId: number) => memberOf(userId).cards.find((card) => card.isMain)!;
const giveAccount = (userId: number, kind: 'normal' | 'auto', bankAccount = plainAccount()) =>
  platform.state.setAccount(BigInt(userId), kind, { bankAccount, bankCode: '004', bankName: 'KB국민' });

describe('financialInstitutionList', () => {
  it('answers the bank table: unique 3-digit codes with short names', async () => {
    const answer = await send(financialInstitutionList, {});
    expect(codeOf(answer)).toEqual(OK);
    const banks = answer.json.bankList as Array<{ bankCode: string; bankName: string }>;
    expect(banks).toEqual(expect.arrayContaining([
      { bankCode: '004', bankName: 'KB국민' },
      { bankCode: '088', bankName: '신한' },
      { bankCode: '090', bankName: '카카오뱅크' },
      { bankCode: '071', bankName: '우체국' },
    ]));
    expect(new Set(banks.map((bank) => bank.bankCode)).size).toBe(banks.length);
    for (const bank of banks) {
      expect(bank.bankCode).toMatch(/^\d{3}$/);
      expect(bank.bankName.length).toBeLessThanOrEqual(10);
    }
  });
});

describe('ARS registration flow (15 → 16 → 17 → 18 → 21)', () => {
  it('registers the account after the ARS call and the bank, on the sandbox clock', async () => {
    const userId = await freshMember();
    const account = kakao();
    expect(codeOf(await verify(userId, account))).toEqual(OK);

    const auth = await authNumber(userId);
    expect(codeOf(auth)).toEqual(OK);
    expect(auth.json.authNumber).toMatch(/^\d{2}$/);

    const registered = await register(userId, account);
    expect(codeOf(registered)).toEqual(OK);
    const regNo = registered.json.bankAccRegNo as string;
    expect(regNo).toMatch(/^BAR\d{19}$/);

    expect((await statusOf(regNo)).json.status).toBe('ARS_AUTH_IN_PROGRESS');
    expect((await inquire(userId)).json).not.toHaveProperty('bankAccForNormalRcg');
    advance(350);
    expect((await statusOf(regNo)).json.status).toBe('ARS_AUTH_DONE');
    expect(memberOf(userId).accounts.normal).toBeUndefined();
    advance(200);
    const done = await statusOf(regNo);
    expect(codeOf(done)).toEqual(OK);
    expect(done.json.status).toBe('BANK_ACC_REGISTERED');

    // The platform keeps its own name for the bank code, whatever name the caller sent.
    expect((await inquire(userId)).json).toMatchObject({
      bankAccForNormalRcg: { bankAccount: account.bankAccount, bankCode: '090', bankName: '카카오뱅크' },
      isAutoRcgAccRegAllowed: true,
    });
    expect(memberOf(userId).accounts.normal).toEqual({ bankAccount: account.bankAccount, bankCode: '090', bankName: '카카오뱅크' });
    expect((await statusOf(regNo)).json.status).toBe('BANK_ACC_REGISTERED');
  });

  it('completes lazily: the account is there for whoever looks after the delay, without polling', async () => {
    const userId = await freshMember();
    await startRegistration(userId, kakao());
    advance(600);
    expect((await inquire(userId)).json).toHaveProperty('bankAccForNormalRcg.bankCode', '090');
  });

  it('a new registration replaces the normal account and leaves the auto one', async () => {
    const userId = await freshMember();
    await registerAccount(userId);
    giveAccount(userId, 'auto', '1111222233337');
    const second = { bankCode: '088', bankAccount: plainAccount(), bankName: '신한은행' };
    await registerAccount(userId, second);
    expect(memberOf(userId).accounts).toEqual({
      normal: { bankAccount: second.bankAccount, bankCode: '088', bankName: '신한' },
      auto: { bankAccount: '1111222233337', bankCode: '004', bankName: 'KB국민' },
    });
  });

  it('takes its timing from the book: configurable, 0 completes at once', async () => {
    const book = platform.state.bankAccounts;
    const saved = { ...book.timing };
    try {
      book.configure({ arsCallMs: 0, bankRegistrationMs: 0 });
      const userId = await freshMember();
      const regNo = await startRegistration(userId, kakao());
      expect((await statusOf(regNo)).json.status).toBe('BANK_ACC_REGISTERED');
    } finally {
      book.configure(saved);
    }
  });
});

describe('bankAccountHolderVerification (15)', () => {
  it('passes for the member\'s own account (names compare without spaces)', async () => {
    const userId = await freshMember();
    expect(codeOf(await verify(userId, kakao(), { userName: '박 지민', birthDate: MEMBER.birthDate }))).toEqual(OK);
  });

  it('001_006 unknown member; 000_002 unknown bank; 007_043 another holder; 001_035 another birth date', async () => {
    const userId = await freshMember();
    expect(codeOf(await verify(1, kakao()))).toEqual(refused('001_006'));
    const unknownBank = await verify(userId, { bankCode: '999', bankAccount: plainAccount() });
    expect(codeOf(unknownBank)).toEqual(refused('000_002'));
    expect(unknownBank.json.response.description).toContain('bankCode');
    expect(codeOf(await verify(userId, kakao(), { userName: '홍길동', birthDate: MEMBER.birthDate }))).toEqual(refused('007_043'));
    expect(codeOf(await verify(userId, kakao(), { userName: MEMBER.userName, birthDate: '19920305' }))).toEqual(refused('001_035'));
  });

  it('007_043 when the bank names another holder (account ending 0011)', async () => {
    const userId = await freshMember();
    expect(codeOf(await verify(userId, kakao(magicAccount('0011'))))).toEqual(refused('007_043'));
  });
});

describe('arsAuthNumberGeneration (16)', () => {
  it('001_006 unknown member; 002_013 while a registration runs', async () => {
    expect(codeOf(await authNumber(1))).toEqual(refused('001_006'));
    const userId = await freshMember();
    await startRegistration(userId, kakao());
    expect(codeOf(await authNumber(userId))).toEqual(refused('002_013'));
    advance(600);
    expect(codeOf(await authNumber(userId))).toEqual(OK);
  });
});

describe('bankAccountArsRegistration (17)', () => {
  it('001_006 unknown member; 000_002 unknown bank', async () => {
    expect(codeOf(await register(1, kakao()))).toEqual(refused('001_006'));
    const userId = await freshMember();
    expect(codeOf(await register(userId, { bankCode: '998', bankAccount: plainAccount() }))).toEqual(refused('000_002'));
  });

  it('002_012 for an account not verified first (or verified under another number)', async () => {
    const userId = await freshMember();
    expect(codeOf(await register(userId, kakao()))).toEqual(refused('002_012'));
    await verify(userId, kakao());
    expect(codeOf(await register(userId, kakao()))).toEqual(refused('002_012'));
  });

  it('007_043 / 001_035 when the holder is not the member', async () => {
    const userId = await freshMember();
    const account = kakao();
    await verify(userId, account);
    expect(codeOf(await register(userId, account, { userName: '김철수', birthDate: MEMBER.birthDate }))).toEqual(refused('007_043'));
    expect(codeOf(await register(userId, account, { userName: MEMBER.userName, birthDate: '20000101' }))).toEqual(refused('001_035'));
  });

  it('002_013 while the member\'s registration is in progress; free again once it ended', async () => {
    const userId = await freshMember();
    const account = kakao();
    await startRegistration(userId, account);
    expect(codeOf(await register(userId, account))).toEqual(refused('002_013'));
    advance(600);
    expect(codeOf(await authNumber(userId))).toEqual(OK);
    expect(codeOf(await register(userId, account))).toEqual(OK);
  });
});

describe('bankAccountRegistrationStatus (18)', () => {
  it('002_019 for an unknown regNo', async () => {
    expect(codeOf(await statusOf('BAR202501010000009999'.padEnd(22, '0')))).toEqual(refused('002_019'));
  });

  it('002_014 when the ARS authentication fails (account ending 0014), after the call', async () => {
    const userId = await freshMember();
    const regNo = await startRegistration(userId, kakao(magicAccount('0014')));
    expect((await statusOf(regNo)).json.status).toBe('ARS_AUTH_IN_PROGRESS');
    advance(350);
    expect(codeOf(await statusOf(regNo))).toEqual(refused('002_014'));
    advance(1000);
    expect(codeOf(await statusOf(regNo))).toEqual(refused('002_014'));
    expect(memberOf(userId).accounts.normal).toBeUndefined();
  });

  it('002_014 when no auth number was asked for before registering', async () => {
    const userId = await freshMember();
    const account = kakao();
    await verify(userId, account);
    const regNo = (await register(userId, account)).json.bankAccRegNo as string;
    advance(600);
    expect(codeOf(await statusOf(regNo))).toEqual(refused('002_014'));
  });

  it.each([
    ['0015', '002_015'],
    ['0016', '002_016'],
  ])('account ending %s: ARS done, then the bank refuses with %s; nothing registered', async (suffix, code) => {
    const userId = await freshMember();
    const regNo = await startRegistration(userId, kakao(magicAccount(suffix)));
    advance(350);
    expect((await statusOf(regNo)).json.status).toBe('ARS_AUTH_DONE');
    advance(200);
    expect(codeOf(await statusOf(regNo))).toEqual(refused(code));
    expect((await inquire(userId)).json).not.toHaveProperty('bankAccForNormalRcg');
  });
});

describe('registeredBankAccountInfo (20)', () => {
  it('answers the registered account, sealed, with a 5-character id and the holder name', async () => {
    const userId = await freshMember();
    const account = kakao();
    await registerAccount(userId, account);
    const info = await send(registeredBankAccountInfo, { userId });
    expect(codeOf(info)).toEqual(OK);
    expect(info.jwe).toBeDefined();
    expect(info.json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      userId,
      accountInfo: { accountId: expect.stringMatching(/^\d{5}$/), userName: '박지민', bankCode: '090', bankName: '카카오뱅크', bankAccount: account.bankAccount },
    });
    // Stable while the account stays.
    expect((await send(registeredBankAccountInfo, { userId })).json.accountInfo).toEqual(info.json.accountInfo);
  });

  it('answers fixture accounts with the member as holder', async () => {
    const info = await send(registeredBankAccountInfo, { userId: HONG });
    expect(info.json.accountInfo).toMatchObject({ userName: '홍길동', bankCode: '004', bankName: 'KB국민' });
  });

  it('001_006 unknown member; 007_001 no registered account', async () => {
    expect(codeOf(await send(registeredBankAccountInfo, { userId: 1 }))).toEqual(refused('001_006'));
    expect(codeOf(await send(registeredBankAccountInfo, { userId: await freshMember() }))).toEqual(refused('007_001'));
  });
});

describe('autoRechargeAccountRegistration (22)', () => {
  it('registers the normal account for auto-recharge (sealed answer)', async () => {
    const userId = await freshMember();
    const account = kakao();
    await registerAccount(userId, account);
    const answer = await send(autoRechargeAccountRegistration, { userId });
    expect(codeOf(answer)).toEqual(OK);
    expect(answer.jwe).toBeDefined();
    const expected = { bankAccount: account.bankAccount, bankCode: '090', bankName: '카카오뱅크' };
    expect(answer.json.bankAccForAutoRcg).toEqual(expected);
    expect((await inquire(userId)).json).toMatchObject({ bankAccForAutoRcg: expected, isAutoRcgAccRegAllowed: false });
  });

  it('001_006 unknown member; 007_001 no normal account; 002_020 already registered', async () => {
    expect(codeOf(await send(autoRechargeAccountRegistration, { userId: 1 }))).toEqual(refused('001_006'));
    const userId = await freshMember();
    expect(codeOf(await send(autoRechargeAccountRegistration, { userId }))).toEqual(refused('007_001'));
    giveAccount(userId, 'normal');
    expect(codeOf(await send(autoRechargeAccountRegistration, { userId }))).toEqual(OK);
    expect(codeOf(await send(autoRechargeAccountRegistration, { userId }))).toEqual(refused('002_020'));
  });
});

describe('bankAccountDeletion (23)', () => {
  it('removes both accounts and the cards\' threshold rules', async () => {
    const userId = await freshMember();
    await registerAccount(userId);
    await send(autoRechargeAccountRegistration, { userId });
    const { par } = mainCardOf(userId);
    await send(thresholdAutoRechargeUpdate, { userId, par, amount: 10_000, thresholdBalance: 1 });
    expect(platform.state.bankAccounts.thresholdAutoRecharge(par)).toBeDefined();

    expect(codeOf(await send(bankAccountDeletion, { userId }))).toEqual(OK);
    expect((await inquire(userId)).json).toEqual({ response: { code: '000_000', description: 'Success.' }, isAutoRcgAccRegAllowed: false });
    expect(memberOf(userId).accounts).toEqual({});
    expect(platform.state.bankAccounts.thresholdAutoRecharge(par)).toBeUndefined();
    expect(codeOf(await send(registeredBankAccountInfo, { userId }))).toEqual(refused('007_001'));
  });

  it('001_006 unknown member; 007_001 nothing to delete; 002_013 during a registration', async () => {
    expect(codeOf(await send(bankAccountDeletion, { userId: 1 }))).toEqual(refused('001_006'));
    const userId = await freshMember();
    expect(codeOf(await send(bankAccountDeletion, { userId }))).toEqual(refused('007_001'));
    giveAccount(userId, 'normal');
    await startRegistration(userId, kakao());
    expect(codeOf(await send(bankAccountDeletion, { userId }))).toEqual(refused('002_013'));
    expect(memberOf(userId).accounts.normal).toBeDefined();
  });
});

describe('individualBalanceLimitIncrease (19)', () => {
  it('registers the main card under the member\'s name: cap 2,000,000', async () => {
    const userId = await freshMember();
    await registerAccount(userId);
    const card = mainCardOf(userId);
    const answer = await send(individualBalanceLimitIncrease, { userId });
    expect(codeOf(answer)).toEqual(OK);
    expect(answer.json).toMatchObject({ par: card.par, isNamed: true, maxRealNameRechargeAmount: 2_000_000 });
    expect(platform.state.findCard({ par: card.par })?.card.named).toBe('individual');
  });

  it('takes a named card by par', async () => {
    const userId = await freshMember();
    giveAccount(userId, 'normal');
    const { par } = mainCardOf(userId);
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId, par }))).toEqual(OK);
    expect(mainCardOf(userId).named).toBe('individual');
  });

  it('001_006; 007_001 no account; 003_021 not the member\'s card; 003_022 terminated; 003_093 already named', async () => {
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId: 1 }))).toEqual(refused('001_006'));
    const userId = await freshMember();
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId }))).toEqual(refused('007_001'));
    giveAccount(userId, 'normal');
    const otherPar = platform.state.member(BigInt(HONG))!.cards[0]!.par;
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId, par: otherPar }))).toEqual(refused('003_021'));
    const card = mainCardOf(userId);
    card.status = 'TERMINATED';
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId, par: card.par }))).toEqual(refused('003_022'));
    card.status = 'ACTIVE';
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId, par: card.par }))).toEqual(OK);
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId, par: card.par }))).toEqual(refused('003_093'));
  });
});

describe('thresholdAutoRechargeUpdate (50)', () => {
  async function memberWithAutoAccount(): Promise<number> {
    const userId = await freshMember();
    giveAccount(userId, 'normal');
    giveAccount(userId, 'auto');
    return userId;
  }

  it('tops up at once when the balance is already at or below the threshold, then only updates the rule', async () => {
    const userId = await memberWithAutoAccount();
    const card = mainCardOf(userId);
    expect(card.balance).toBe(0);
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId, par: card.par, amount: 30_000, thresholdBalance: 10_000 }))).toEqual(OK);
    expect(mainCardOf(userId).balance).toBe(30_000);
    expect(platform.state.bankAccounts.thresholdAutoRecharge(card.par)).toMatchObject({ amount: 30_000, thresholdBalance: 10_000 });

    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId, par: card.par, amount: 50_000, thresholdBalance: 20_000 }))).toEqual(OK);
    expect(mainCardOf(userId).balance).toBe(30_000);
    expect(platform.state.bankAccounts.thresholdAutoRecharge(card.par)).toMatchObject({ amount: 50_000, thresholdBalance: 20_000 });
  });

  it('007_003 when the immediate top-up would pass the balance cap (anonymous 500,000); nothing changes', async () => {
    const userId = await memberWithAutoAccount();
    const { par } = mainCardOf(userId);
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId, par, amount: 600_000, thresholdBalance: 1_000 }))).toEqual(refused('007_003'));
    expect(mainCardOf(userId).balance).toBe(0);
    expect(platform.state.bankAccounts.thresholdAutoRecharge(par)).toBeUndefined();
    // A named card may hold up to 2,000,000.
    expect(codeOf(await send(individualBalanceLimitIncrease, { userId, par }))).toEqual(OK);
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId, par, amount: 600_000, thresholdBalance: 1_000 }))).toEqual(OK);
    expect(mainCardOf(userId).balance).toBe(600_000);
  });

  it('001_006; 003_021 not the member\'s card; 003_022 terminated; 007_001 no auto-recharge account', async () => {
    const rule = { amount: 10_000, thresholdBalance: 5_000 };
    const hongPar = platform.state.member(BigInt(HONG))!.cards[0]!.par;
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId: 1, par: hongPar, ...rule }))).toEqual(refused('001_006'));
    const userId = await memberWithAutoAccount();
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId, par: hongPar, ...rule }))).toEqual(refused('003_021'));
    const card = mainCardOf(userId);
    card.status = 'TERMINATED';
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId, par: card.par, ...rule }))).toEqual(refused('003_022'));
    card.status = 'ACTIVE';
    const noAuto = await freshMember();
    giveAccount(noAuto, 'normal');
    expect(codeOf(await send(thresholdAutoRechargeUpdate, { userId: noAuto, par: mainCardOf(noAuto).par, ...rule }))).toEqual(refused('007_001'));
  });
});

describe('request schemas name the field at fault', () => {
  it.each<[string, Operation, Record<string, unknown>, string]>([
    ['financialInstitutionList', financialInstitutionList, { bankCode: '004' }, 'bankCode'],
    ['bankAccountHolderVerification', bankAccountHolderVerification, { bankAccount: '123-45', bankCode: '004', userId: 1, userName: '박지민', birthDate: '19920304' }, 'bankAccount'],
    ['arsAuthNumberGeneration', arsAuthNumberGeneration, { userId: 0 }, 'userId'],
    ['bankAccountArsRegistration', bankAccountArsRegistration, { userId: 1, bankCode: '004', bankAccount: '1', bankName: 'KB국민', userName: '박지민', birthDate: '19921340' }, 'birthDate'],
    ['bankAccountRegistrationStatus', bankAccountRegistrationStatus, { regNo: 'BAR123' }, 'regNo'],
    ['individualBalanceLimitIncrease', individualBalanceLimitIncrease, { userId: 1, par: 'too-short' }, 'par'],
    ['registeredBankAccountInfo', registeredBankAccountInfo, { userId: 'abc' }, 'userId'],
    ['bankAccountInquiry', bankAccountInquiry, { userId: 1_000_000_000_000_000 }, 'userId'],
    ['autoRechargeAccountRegistration', autoRechargeAccountRegistration, {}, 'userId'],
    ['bankAccountDeletion', bankAccountDeletion, { userId: -1 }, 'userId'],
    ['thresholdAutoRechargeUpdate', thresholdAutoRechargeUpdate, { userId: 1, par: 'P'.repeat(27), amount: 10_000_000, thresholdBalance: 1 }, 'amount'],
  ])('%s refuses a bad value', (_id, op, value, field) => {
    expect(firstViolation(op.request, value)?.field).toBe(field);
  });
});
