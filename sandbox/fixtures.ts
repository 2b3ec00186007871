/**
 * Test members the sandbox starts with, like the public sandbox's published test data
 * (protocol.md §6.3). All values are made up; account numbers only look like real ones.
 * Ids sit above DEFAULT_USER_ID_START on purpose: allocation skips them, which it must anyway.
 */
import { connectingInformation } from './card-numbers';
import { hashPin, type BankAccountRecord, type MemberProfile, type SandboxState } from './state';

export interface FixtureMember extends MemberProfile {
  userId: bigint;
  pin: string;
  accounts: { normal?: BankAccountRecord; auto?: BankAccountRecord };
}

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
];

/** A seed for SandboxState that inserts the fixture members under the project's ASP ID. */
export function seedFixtures(aspId: string, fixtures: readonly FixtureMember[] = FIXTURE_MEMBERS): (state: SandboxState) => void {
  return (state) => {
    for (const { pin, accounts, userId, ...profile } of fixtures) {
      state.insert({
        ...structuredClone(profile),
        aspId,
        userId,
        ci: connectingInformation(`${aspId}:${profile.loginId}`),
        pinHash: hashPin(pin, 'fixture'),
        registeredAt: Date.UTC(2024, 0, 1),
        status: 'ACTIVE',
        cards: [{ ...state.issueBasicCard(), isMain: true, balance: 50_000 }],
        accounts: structuredClone(accounts),
      });
    }
  };
}
