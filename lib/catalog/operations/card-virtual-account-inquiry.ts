import { CardNo } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const cardVirtualAccountInquiry = defineOperation({
  id: 'cardVirtualAccountInquiry',
  n: 48,
  title: 'Virtual Account Linked to Card Inquiry',
  titleKo: '카드에 연결된 가상계좌 조회',
  group: 'card',
  path: '/api/v1/card/virtual-account/inquiry',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'read',
  request: Type.Object({ cardNo: CardNo() }, { additionalProperties: false }),
  response: Type.Object({
    accountNo: Type.String({ minLength: 1, maxLength: 20, description: 'Virtual account number' }),
    bankCode: Type.String({ minLength: 3, maxLength: 3, description: 'Bank code of the virtual account' }),
    connectType: Type.Optional(Type.String({
      minLength: 1, maxLength: 20,
      description: 'Link type (enum cut off on the page; the sandbox answers FIXED: one permanent account per card)',
      ...UNDOCUMENTED,
    })),
  }),
  resultCodes: [
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no card with that number)', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500905733510001',
  ],
  gaps:
    'The answer is cut at connectType (its requirement, limits and values are designed; later fields unknown). No result codes shown: 003_001 for an unknown card and 003_022 for a terminated one are taken from the sibling card operations.',
});
