import { CardApplyNo, UserId } from '../fields';
import { StringEnum, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const cardDeliveryStatus = defineOperation({
  id: 'cardDeliveryStatus',
  n: 33,
  title: 'Search for Card Delivery Status',
  titleKo: '카드 배송 상태 조회',
  group: 'card',
  path: '/api/v1/card/delivery/inquiry',
  version: 'v1',
  // Neither side carries personal or card data; the answer shows no Encrypted marker.
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    {
      userId: UserId(),
      cardApplyNo: CardApplyNo('Application number of the card shipped (issuance, reissue or renewal)'),
    },
    { additionalProperties: false, description: 'Designed: the page shows no request parameters', ...UNDOCUMENTED },
  ),
  response: Type.Object({
    status: StringEnum(['READY', 'RECEIPT', 'PRE_SHIPPING', 'SHIPPING', 'ARRIVAL', 'LOST', 'RETURN', 'CANCEL', 'ETC'] as const, {
      description:
        'READY waiting for reception, RECEIPT received, PRE_SHIPPING preparing, SHIPPING in transit, ARRIVAL delivered, LOST lost, RETURN returned, CANCEL delivery canceled, ETC other (system failure)',
    }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: true },
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no shipped card application of the member with that number)', documented: true },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500280843690001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500280843690001',
  ],
  gaps:
    'The page shows no request parameters: {userId, cardApplyNo} is designed after the sibling cancel operation, and 003_001 answers an application the member does not have or that ships nothing. Request encryption is not shown (designed plain).',
});
