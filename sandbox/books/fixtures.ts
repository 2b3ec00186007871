/**
 * Test members the sandbox starts with, like the public sandbox's published test data
 * (protocol.md §6.3). All values are made up; account numbers only look like real ones.
 * Ids sit above DEFAULT_USER_ID_START on purpose: allocation skips them, which it must anyway.
 */
import { connectingInformation } from './card-numbers';
import { hashPin } from './member-security';
import type { BankAccountRecord, MemberProfile, MemberStatus } from './records';
import type { SandboxState } from './state';
import type { TermsRecord } from './terms';

export interface FixtureMember extends MemberProfile {
  userId: bigint;
  pin: string;
  accounts: { normal?: BankAccountRecord; auto?: BankAccountRecord };
  /** Default ACTIVE. */
  status?: MemberStatus;
  /** On the ASP's fraud list: refused login and reactivation (001_080). */
  blocked?: boolean;
  /** Identity verified (isAuthed of /api/v1/user/deduction/info). */
  identityVerified?: boolean;
  /** Terms agreed at sign-up (ids of TERMS_CATALOGUE). */
  tcIds?: readonly bigint[];
}

const MANDATORY_TERMS = [29184n, 29186n, 29187n, 29188n] as const;

/**
 * The ASP's terms and conditions (약관), with the ids the public sandbox uses (client code sends
 * 29184, 29186, 29187, 29188, 601151, 601152, 604150, 606153 at sign-up). Titles, kinds and
 * URLs are made up (reserved .example domain).
 */
export const TERMS_CATALOGUE: readonly TermsRecord[] = [
  { tcId: 29184n, order: 1, required: 'MANDATORY', title: '전자금융거래 이용약관', titleEn: 'Electronic Financial Transactions Terms of Use', url: 'https://konaplate-sandbox.example/terms/29184' },
  { tcId: 29186n, order: 2, required: 'MANDATORY', title: '선불전자지급수단 이용약관', titleEn: 'Prepaid Electronic Payment Means Terms of Use', url: 'https://konaplate-sandbox.example/terms/29186' },
  { tcId: 29187n, order: 3, required: 'MANDATORY', tcActionType: 'PY', title: '개인정보 수집 및 이용 동의', titleEn: 'Consent to the Collection and Use of Personal Information', url: 'https://konaplate-sandbox.example/terms/29187' },
  { tcId: 29188n, order: 4, required: 'MANDATORY', title: '개인정보 제3자 제공 동의', titleEn: 'Consent to the Provision of Personal Information to Third Parties', url: 'https://konaplate-sandbox.example/terms/29188' },
  { tcId: 601151n, order: 5, required: 'OPTIONAL', tcActionType: 'MKT_NOTI', title: '마케팅 정보 수신 동의', titleEn: 'Consent to Receive Marketing Information', url: 'https://konaplate-sandbox.example/terms/601151' },
  { tcId: 601152n, order: 6, required: 'OPTIONAL', tcActionType: 'OPEN_BANK', viewPositionType: 'OPEN_BANK', title: '오픈뱅킹 서비스 이용약관', titleEn: 'Open Banking Service Terms of Use', url: 'https://konaplate-sandbox.example/terms/601152' },
  { tcId: 604150n, order: 7, required: 'OPTIONAL', tcActionType: 'OPEN_BANK_SPECIFIC', viewPositionType: 'OPEN_BANK', title: '오픈뱅킹 출금이체 및 조회 동의', titleEn: 'Consent to Open Banking Withdrawal Transfers and Inquiries', url: 'https://konaplate-sandbox.example/terms/604150' },
  { tcId: 606153n, order: 8, required: 'OPTIONAL', tcActionType: 'DEDUCT', title: '소득공제 자동 신청 동의', titleEn: 'Consent to Automatic Income Tax Deduction Application', url: 'https://konaplate-sandbox.example/terms/606153' },
];

export const FIXTURE_MEMBERS: readonly FixtureMember[] = [
  {
    userId: 50000104652n,
    loginId: 'hong.gildong',
    pin: '123456',
    userName: '홍길동',
    birthDate: '19900115',
    nationality: 'Korean',
    gender: 'Male',
    email: 'gildong@example.com',
    mobileNumber: '01012345678',
    joinChannel: 'OPENAPI',
    addressInfo: { address: '서울특별시 중구 세종대로 110', zipCode: '04524', addressDetail: '3층' },
    // Normal account only: this member may still register an auto-recharge account.
    accounts: { normal: { bankAccount: '04070204123456', bankCode: '004', bankName: 'KB국민' } },
    identityVerified: true,
    tcIds: [...MANDATORY_TERMS, 601151n],
  },
  {
    userId: 50000104653n,
    loginId: 'kim.younghee',
    pin: '654321',
    userName: '김영희',
    birthDate: '19851203',
    nationality: 'Korean',
    gender: 'Female',
    email: 'younghee@example.com',
    mobileNumber: '01098765432',
    joinChannel: 'KONA',
    accounts: {
      normal: { bankAccount: '110345678901', bankCode: '088', bankName: '신한' },
      auto: { bankAccount: '1002345678901', bankCode: '020', bankName: '우리' },
    },
    identityVerified: true,
    tcIds: MANDATORY_TERMS,
  },
  {
    userId: 50000104654n,
    loginId: 'lee.chulsoo',
    pin: '111111',
    userName: '이철수',
    birthDate: '20000229',
    nationality: 'Korean',
    gender: 'Male',
    email: 'chulsoo@example.com',
    mobileNumber: '01055556666',
    accounts: {},
  },
  {
    userId: 50000104655n,
    loginId: 'john.smith',
    pin: '246810',
    userName: 'John Smith',
    birthDate: '19791024',
    nationality: 'Foreigner',
    gender: 'Male',
    email: 'john.smith@example.com',
    mobileNumber: '01077778888',
    joinChannel: 'OPENAPI',
    accounts: { normal: { bankAccount: '35201234567893', bankCode: '011', bankName: 'NH농협' } },
  },
  {
    // Dormant: no login for a year; every operation but reactivation (by CI) treats it as unknown.
    userId: 50000104656n,
    loginId: 'park.sleeper',
    pin: '135790',
    userName: '박휴면',
    birthDate: '19880808',
    nationality: 'Korean',
    gender: 'Female',
    email: 'sleeper@example.com',
    mobileNumber: '01022223333',
    accounts: {},
    status: 'DORMANT',
    tcIds: MANDATORY_TERMS,
  },
  {
    // Dormant and on the ASP's fraud list: refused reactivation and login (001_080).
    userId: 50000104657n,
    loginId: 'choi.blocked',
    pin: '975310',
    userName: '최차단',
    birthDate: '19770707',
    nationality: 'Korean',
    gender: 'Male',
    email: 'blocked@example.com',
    mobileNumber: '01044445555',
    accounts: {},
    status: 'DORMANT',
    blocked: true,
  },
];

/** A seed for SandboxState that inserts the terms catalogue and the fixture members under the project's ASP ID. */
export function seedFixtures(aspId: string, fixtures: readonly FixtureMember[] = FIXTURE_MEMBERS, terms: readonly TermsRecord[] = TERMS_CATALOGUE): (state: SandboxState) => void {
  return (state) => {
    state.terms.define(terms);
    for (const { pin, accounts, userId, status, blocked, identityVerified, tcIds, ...profile } of fixtures) {
      const member = state.insert({
        ...structuredClone(profile),
        aspId,
        userId,
        ci: connectingInformation(`${aspId}:${profile.loginId}`),
        pinHash: hashPin(pin, 'fixture'),
        registeredAt: Date.UTC(2024, 0, 1),
        status: status ?? 'ACTIVE',
        cards: [{ ...state.issueBasicCard(), isMain: true, balance: 50_000 }],
        accounts: structuredClone(accounts),
      });
      if (tcIds) state.terms.agree(userId, tcIds, member.registeredAt);
      if (blocked) state.security.block(aspId, member.ci);
      if (identityVerified) state.security.markVerified(userId, member.registeredAt);
    }
  };
}
