import { UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const bankAccountDeletion = defineOperation({
  id: 'bankAccountDeletion',
  n: 23,
  title: 'Delete member bank account',
  titleKo: '회원 계좌 삭제',
  group: 'account',
  path: '/api/v1/bankaccounts/delete',
  version: 'v1',
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({}),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account to delete', documented: false },
    { code: '002_013', http: 400, kind: 'conflict', meaning: 'An ARS account registration is in progress for this member', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282618570001/33500824265160001',
  ],
  gaps:
    'The page lists no response parameters and cuts the codes off after 000_000: the refusals are designed. The sandbox removes both the normal and the auto-recharge account (auto-recharge needs the normal one) and the cards\' threshold auto-recharge rules.',
});
