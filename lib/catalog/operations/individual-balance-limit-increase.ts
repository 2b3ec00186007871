import { Par, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const individualBalanceLimitIncrease = defineOperation({
  id: 'individualBalanceLimitIncrease',
  n: 19,
  title: 'Balance Limit Increase (Individual card)',
  titleKo: '잔액 한도 상향 (개인 카드)',
  group: 'account',
  path: '/api/v1/user/namedcard',
  version: 'v1',
  // Ids and amounts only (the identity comes from sign-up and the registered account): not sealed.
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      par: Type.Optional({ ...Par(), description: 'Card to register under the member\'s real name; default the member\'s main card', ...UNDOCUMENTED }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object(
    {
      par: { ...Par(), description: 'The card now registered under the member\'s real name', ...UNDOCUMENTED },
      isNamed: Type.Boolean({ description: 'Always true: the card is a real-name (기명) card', ...UNDOCUMENTED }),
      maxRealNameRechargeAmount: Type.Integer({ minimum: 0, description: 'The card\'s balance cap now, KRW (policy value, at most 2,000,000)', ...UNDOCUMENTED }),
    },
    UNDOCUMENTED,
  ),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account (real-name registration goes through the member\'s verified account)', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found (no such card of this member)', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
    { code: '003_093', http: 400, kind: 'conflict', meaning: 'Card is already registered under a real name', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282618570001/33500281659230001',
  ],
  gaps:
    'Only the path, userId and the purpose (anonymous cap 500,000 KRW, named up to 2,000,000, needs a linked bank account) are shown: the optional par (default the main card), the answer, the encryption and the codes (borrowed from #25 and #38; 003_093 as the corporate variant #41 designs it) are designed. The corporate variant is /api/v1/user/namedcard/corp.',
});
