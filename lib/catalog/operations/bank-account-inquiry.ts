import { BankAccount, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const bankAccountInquiry = defineOperation({
  id: 'bankAccountInquiry',
  n: 21,
  title: 'Member bank account info inquiry',
  titleKo: '회원 계좌 정보 조회',
  group: 'account',
  path: '/api/v1/bankaccounts/inquiry',
  version: 'v1',
  // The answer carries account numbers (PAI), so it comes back encrypted; the request does not.
  encrypted: { request: false, response: true },
  kind: 'read',
  request: Type.Object({ userId: UserId(999999999999999n) }, { additionalProperties: false }),
  response: Type.Object({
    bankAccForNormalRcg: Type.Optional(BankAccount('Account for normal recharge')),
    bankAccForAutoRcg: Type.Optional(BankAccount('Account for auto recharge')),
    isAutoRcgAccRegAllowed: Type.Boolean({
      description: 'true: register an auto-recharge account (/api/v1/bankaccounts/as-rcg-svc/ars/register) before enabling auto-recharge',
    }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282618570001/33500800352450001',
  ],
  gaps: 'No result codes shown; response encryption is not marked on the page (account numbers are PAI, which the guide says is encrypted).',
});
