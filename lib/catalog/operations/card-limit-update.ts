import { CardLimitAmount, Par, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const cardLimitUpdate = defineOperation({
  id: 'cardLimitUpdate',
  n: 49,
  title: "Modification of the Card's Limit",
  titleKo: '카드 결제 한도 변경',
  group: 'card',
  path: '/api/v1/card/payment/limit/update',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      par: Par(),
      limits: Type.Object(
        {
          once: CardLimitAmount('Per-transaction limit'),
          day: CardLimitAmount('Daily limit'),
          month: CardLimitAmount('Monthly limit'),
        },
        {
          additionalProperties: false,
          description: 'Limit amounts. Designed rule (undocumented): once ≤ day ≤ month, a 0 counting as no limit; otherwise 000_002 naming the field',
          'x-designed-rule': 'once <= day <= month (0 = unlimited)',
        },
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (non-member or withdrawn)', documented: true },
    { code: '003_024', http: 400, kind: 'rejected', meaning: 'No linked account information', documented: true },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400402282900001/33500280960250001',
  ],
  gaps:
    'Listed under the debit-card group: 003_024 (no linked account) is read as "the member has no registered bank account". The ordering rule once ≤ day ≤ month and the codes for an unknown or terminated card are designed.',
});
