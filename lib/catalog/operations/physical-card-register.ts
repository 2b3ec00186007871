import { CardApplyNo, CardCvc, CardNo, ExpiryYymm, Par, ServiceId, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const physicalCardRegister = defineOperation({
  id: 'physicalCardRegister',
  n: 35,
  title: 'Physical Card Registration',
  titleKo: '실물카드 등록 (실물카드 회원 연결)',
  group: 'card',
  path: '/api/v1/prepay-card/physical/register',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      physicalCardNo: CardNo('Physical card number, as printed'),
      physicalCardExpDate: ExpiryYymm('Physical card expiry, YYMM as printed'),
      physicalCardCVC: CardCvc('Physical card CVC, as printed'),
      cardApplyNo: Type.Optional(
        CardApplyNo('Application the physical card was shipped for (issuance, reissue, renewal); absent for a card bought unregistered'),
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    mobileCardNo: CardNo('Mobile card linked to (or issued with) the physical card'),
    par: Par(),
    serviceId: Type.Optional(ServiceId()),
  }),
  resultCodes: [
    { code: '003_012', http: 400, kind: 'conflict', meaning: 'Indicated card issue is not ready to activate', documented: true },
    { code: '003_013', http: 400, kind: 'not_found', meaning: 'Indicated card issue not found', documented: true },
    { code: '003_001', http: 400, kind: 'rejected', meaning: 'Invalid card info (card number, expiry date or CVC)', documented: true },
    { code: '003_014', http: 400, kind: 'conflict', meaning: 'Digital card is already terminated', documented: true },
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400402282900001/33500281729950001',
    'public client code (KONA PLATE sandbox clients: physicalCardNo, physicalCardExpDate YYMM, physicalCardCVC; response serviceId)',
  ],
  gaps:
    'The request table is cut off on the page: the fields come from client code, cardApplyNo is implied by 003_012/003_013 and designed optional (absent: a card bought unregistered, or found by its number). Response encryption is not shown (designed sealed: card numbers); serviceId in the answer comes from a client DTO. 001_006 for an unknown member is designed.',
});
