import { BankAccount, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const autoRechargeAccountRegistration = defineOperation({
  id: 'autoRechargeAccountRegistration',
  n: 22,
  title: 'Auto-recharge account registration',
  titleKo: '자동충전 계좌 등록',
  group: 'account',
  path: '/api/v1/bankaccounts/as-rcg-svc/ars/register',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'write',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({
    bankAccForAutoRcg: { ...BankAccount('The member\'s normal-recharge account, now registered for auto-recharge'), ...UNDOCUMENTED },
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account (register a normal-recharge account first)', documented: false },
    { code: '002_020', http: 400, kind: 'conflict', meaning: 'An auto-recharge account is already registered (delete the accounts to change it)', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282618570001/33500813092840001',
  ],
  gaps:
    'The answer (marked Encrypted) and the result codes are beyond the page text: the answer echoes the account now used for auto-recharge in the shape of #21 (which is why it would be sealed); the refusals are designed, consistent with #21 isAutoRcgAccRegAllowed (a normal account and no auto one).',
});
