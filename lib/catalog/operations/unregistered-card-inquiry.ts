import { CardApplyNo, CardCvc, CardNo, ExpiryYymm, ServiceId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const unregisteredCardInquiry = defineOperation({
  id: 'unregisteredCardInquiry',
  n: 37,
  title: 'Unregistered card inquiry',
  titleKo: '미등록 카드 조회',
  group: 'card',
  path: '/api/v1/unregister/card/info',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'read',
  request: Type.Object(
    {
      cardNo: CardNo('Number of the card looked up'),
      expiryDate: ExpiryYymm('Card expiry as printed, YYMM'),
      cardCVC: CardCvc(),
    },
    { additionalProperties: false },
  ),
  response: Type.Object(
    {
      cardNo: CardNo(),
      serviceId: ServiceId(),
      serviceName: Type.String({ minLength: 1, maxLength: 255, description: 'Card product name' }),
      balance: Type.Integer({ minimum: 0, maximum: 9_999_999_999, description: 'KRW loaded on the card, moved to the mobile card at registration' }),
      cardApplyNo: Type.Optional(CardApplyNo('Application the card was shipped for; absent for a card sold unregistered')),
    },
    { description: 'Designed: the page shows no response parameters', ...UNDOCUMENTED },
  ),
  resultCodes: [
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no unregistered card with that number, expiry and CVC)', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500712871920001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500712871920001',
  ],
  gaps:
    'The page ends at the response headers: the answer (product, loaded balance, the application a shipped card belongs to), its encryption and the refusal 003_001 (borrowed from the sibling card pages, also for a card already registered) are designed. expiryDate is read as YYMM from its 4-character length.',
});
