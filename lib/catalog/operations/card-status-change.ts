import { CardNo, Par, UserId } from '../fields';
import { StringEnum, Type } from '../schema';
import { defineOperation } from '../types';

export const cardStatusChange = defineOperation({
  id: 'cardStatusChange',
  n: 38,
  title: "Modification of the Card's State",
  titleKo: '카드 상태 변경',
  group: 'card',
  path: '/api/v1/card/status',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      par: Type.Optional(Par()),
      cardNo: Type.Optional(CardNo('Card number of the target card (alternative to par)')),
      status: StringEnum(['SUSPEND', 'RESUME'], { description: 'SUSPEND: report lost / suspend the card; RESUME: lift the suspension' }),
    },
    { additionalProperties: false, description: 'par or cardNo names the card; at least one is required (000_003 when both are absent)' },
  ),
  response: Type.Object({}),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (non-member or withdrawn)', documented: true },
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no card of the member with that number)', documented: true },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: true },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated; status cannot change', documented: true },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500281795260001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400402282900001/33500281795260001',
  ],
  gaps:
    'The page does not say how par and cardNo combine: designed as "at least one; par wins, and both must name the same card". SUSPEND of a suspended card and RESUME of an active one are designed as no-ops (no code documented). A client typed the status ACTIVE|SUSPEND|CLOSE; the page\'s SUSPEND|RESUME is kept.',
});
