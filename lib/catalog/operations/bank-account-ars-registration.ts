import { BankAccountNo, BankCode, BankName, UserId } from '../fields';
import { Date8, Type } from '../schema';
import { defineOperation } from '../types';

export const bankAccountArsRegistration = defineOperation({
  id: 'bankAccountArsRegistration',
  n: 17,
  title: 'Bank account registration via PG',
  titleKo: 'PG 계좌 등록 (ARS 인증)',
  group: 'account',
  path: '/api/v1/bankaccounts/ars/register',
  version: 'v1',
  // The answer is a processing number only: not sealed (the page does not say).
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      bankCode: BankCode(),
      bankAccount: BankAccountNo(),
      bankName: BankName('Bank display name (the platform keeps its own name for the code)'),
      userName: Type.String({ minLength: 1, maxLength: 100, description: 'Account holder name; must be the member' }),
      birthDate: Date8({ description: 'Account holder birth date, yyyyMMdd' }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    bankAccRegNo: Type.String({ minLength: 1, maxLength: 22, description: 'Registration processing number; poll /api/v1/bankaccounts/ars/register/inquiry with it as regNo' }),
  }),
  resultCodes: [
    { code: '002_013', http: 400, kind: 'conflict', meaning: 'ARS auth / account registration already in progress for this member', documented: true },
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '001_035', http: 400, kind: 'rejected', meaning: 'Invalid user info: birth date differs from the member', documented: false },
    { code: '007_043', http: 400, kind: 'rejected', meaning: 'Member name differs from the bank account holder name', documented: false },
    { code: '002_012', http: 400, kind: 'rejected', meaning: 'The account has not passed real-name verification (/api/v1/bankaccounts/user/valid) for this member', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282618570001/33500280866850001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282618570001/33500280866850001',
    'public client code (KonaBankAccountArsRegisterRequest/Response)',
  ],
  gaps:
    'The official request table is not in the page text: fields come from one client (lengths from #15 and #21), the response encryption is not shown, and only 000_000 and 002_013 are documented. Asynchronous: the ARS call and the bank registration finish later (poll #18). The refusals for an unknown member, a holder other than the member and an account not verified first are designed.',
});
