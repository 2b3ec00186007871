import { UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const memberUnregister = defineOperation({
  id: 'memberUnregister',
  n: 5,
  title: 'Membership Cancellation',
  titleKo: '회원 탈퇴',
  group: 'user',
  path: '/api/v1/user/unregister',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({}, { ...UNDOCUMENTED, description: 'Only the result envelope' }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (non-member or withdrawn)', documented: false },
    { code: '001_052', http: 400, kind: 'conflict', meaning: 'Active card still has balance', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: false },
  sources: ['https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500281132280001'],
  gaps:
    'The page lists the blocking conditions (card balance, points, coupons, gifts, pending refunds, suspended cards) but no codes and no answer. Designed: a card balance or pending charge refuses with 001_052 (the code of card discard); the other conditions have no sandbox counterpart. On success every card is terminated and the member answers 001_006 from then on.',
});
