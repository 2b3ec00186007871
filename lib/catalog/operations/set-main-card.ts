import { UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const setMainCard = defineOperation({
  id: 'setMainCard',
  n: 47,
  title: 'Set Main Card',
  titleKo: '주카드 설정',
  group: 'card',
  path: '/api/v1/card/main/update',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      par: Type.String({ minLength: 27, maxLength: 27, description: 'PAR of the card to make the main card', ...UNDOCUMENTED }),
    },
    { additionalProperties: false, ...UNDOCUMENTED },
  ),
  response: Type.Object({}, { description: 'No business fields, like the sibling card-state operations', ...UNDOCUMENTED }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
    { code: '003_090', http: 400, kind: 'conflict', meaning: 'Card is suspended; resume it first', documented: false },
    { code: '003_091', http: 400, kind: 'rejected', meaning: 'A sub card cannot be the main card', documented: false },
  ],
  documented: { path: false, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500281950710001',
  ],
  gaps:
    'No page found: path, request (userId + par), answer and codes are designed in the style of /api/v1/card/status (the source listed is the discard page, whose codes 001_059 / 001_061 show the basic, main and sub card concepts). Exactly one card of a member is main; setting the main card again is a no-op.',
});
