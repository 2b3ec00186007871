import { Par, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const cardTerminate = defineOperation({
  id: 'cardTerminate',
  n: 39,
  title: 'Discarding a Card',
  titleKo: '카드 폐기',
  group: 'card',
  path: '/api/v1/card/terminate',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      // This page documents an 18-digit maximum (most pages show 19).
      userId: UserId(999999999999999999n),
      par: Par(),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (non-member or withdrawn)', documented: true },
    { code: '001_047', http: 400, kind: 'not_found', meaning: 'Invalid card info', documented: true },
    { code: '001_052', http: 400, kind: 'conflict', meaning: 'Active card still has balance', documented: true },
    { code: '001_059', http: 400, kind: 'rejected', meaning: 'Basic card cannot be deleted', documented: true },
    { code: '001_061', http: 400, kind: 'rejected', meaning: 'Sub card cannot be deleted directly; it is deleted with its main card', documented: true },
    { code: '001_062', http: 400, kind: 'conflict', meaning: 'Card is linked to a physical card; unlink it first', documented: true },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500281950710001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400402282900001/33500281950710001',
  ],
  gaps:
    'The request table is cut after par (a further field cannot be excluded). Points, pending remittances and unpaid recharge cancels also block a discard on the platform; the sandbox checks balance and pending amount (of the card and its sub cards). When the main card is discarded the designed rule makes the basic card main again.',
});
