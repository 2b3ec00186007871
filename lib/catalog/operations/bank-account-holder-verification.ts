import { BankAccountNo, BankCode, UserId } from '../fields';
import { Date8, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const bankAccountHolderVerification = defineOperation({
  id: 'bankAccountHolderVerification',
  n: 15,
  title: 'Real Name Verification for Account holder',
  titleKo: '계좌 예금주 실명 검증',
  group: 'account',
  path: '/api/v1/bankaccounts/user/valid',
  version: 'v1',
  // The answer is the bare result envelope: nothing personal comes back, so it is not sealed (not marked).
  encrypted: { request: true, response: false },
  kind: 'read',
  request: Type.Object(
    {
      bankAccount: BankAccountNo(),
      bankCode: BankCode(),
      userId: UserId(),
      userName: Type.String({ minLength: 1, maxLength: 100, description: 'Account holder name; must be the member', ...UNDOCUMENTED }),
      birthDate: Date8({ description: 'Account holder birth date, yyyyMMdd; must be the member\'s', ...UNDOCUMENTED }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '001_035', http: 400, kind: 'rejected', meaning: 'Invalid user info: birth date differs from the member', documented: false },
    { code: '007_043', http: 400, kind: 'rejected', meaning: 'Member name differs from the bank account holder name', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282618570001/33500281052080001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282618570001/33500281052080001',
    'https://konaplate.com/developers/api-documentation/packages/33100401428380001/33400282618570001/33500281052080001',
    'public client code (KonaBankAccountValidRequest; kona-portal-scenario-test.mjs: step 1 of the ARS registration flow)',
  ],
  gaps:
    'The page text stops inside the bank-code table: userId, userName and birthDate and their limits come from client code (required and lengths designed), the answer encryption and every refusal code are not shown. Refusals borrow 001_006, 001_035 (member info mismatch, #3) and 007_043 (holder name differs, #26).',
});
