import { BankAccountNo, BankCode, BankName, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const registeredBankAccountInfo = defineOperation({
  id: 'registeredBankAccountInfo',
  n: 20,
  title: 'Member registered account inquiry',
  titleKo: '회원 등록 계좌 조회',
  group: 'account',
  path: '/api/v1/bankaccounts/info',
  version: 'v1',
  // The answer names the holder and carries the account number (PAI): sealed, though not marked.
  encrypted: { request: true, response: true },
  kind: 'read',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({
    userId: UserId(),
    accountInfo: Type.Object(
      {
        accountId: Type.String({ minLength: 5, maxLength: 5, description: 'Unique id of the registered account' }),
        userName: Type.String({ minLength: 1, maxLength: 100, description: 'Account holder name' }),
        bankCode: { ...BankCode(), ...UNDOCUMENTED },
        bankName: { ...BankName(), ...UNDOCUMENTED },
        bankAccount: { ...BankAccountNo(), ...UNDOCUMENTED },
      },
      { description: 'The member\'s registered (withdrawal) account; bankCode, bankName and bankAccount are designed (cut off on the page)' },
    ),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282618570001/33500797762220001',
  ],
  gaps:
    'accountInfo is cut off after userName (its max length unknown): bankCode, bankName and bankAccount are designed with the shapes of #21; the response encryption and all result codes are not shown (001_006 and 007_001 borrowed).',
});
