import { CardApplyNo, CardCvc, CardNo, DeliveryAddressInfo, MemberRef, Par, ServiceId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const cardIssueApplication = defineOperation({
  id: 'cardIssueApplication',
  n: 29,
  title: 'Application for Issuance and Delivery of Prepaid Card',
  titleKo: '선불카드 발급 및 배송 신청',
  group: 'card',
  path: '/api/v1/prepay-card/issue/delivery',
  version: 'v1',
  // The answer carries the new mobile card's number and CVC (PAN), so it is sealed too.
  encrypted: { request: true, response: true },
  kind: 'write',
  request: Type.Object(
    {
      userInfo: MemberRef(),
      addressInfo: Type.Optional(DeliveryAddressInfo('Delivery address; required when isDeliveryRequired is true')),
      serviceId: ServiceId(),
      isDeliveryRequired: Type.Optional(
        Type.Boolean({
          description: 'true: ship a physical card to addressInfo; false or absent: mobile card only (refused for normal-type products, 003_024)',
          ...UNDOCUMENTED,
        }),
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    cardApplyNo: CardApplyNo('Card application number; the key for cancel, delivery status and physical card registration'),
    mobileCardNo: Type.Optional(CardNo('Mobile card number')),
    mobileCardCVC: Type.Optional(CardCvc('Mobile card CVC')),
    mobileCardPar: Type.Optional(Par()),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: true },
    { code: '003_024', http: 400, kind: 'rejected', meaning: 'Card delivery should be required in case of normal type', documented: true },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500280953950001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500280953950001',
  ],
  gaps:
    'Request fields after serviceId are cut off: isDeliveryRequired (named by the page as the condition of addressInfo) is designed as an optional boolean, absent = mobile card only; a missing addressInfo with isDeliveryRequired true is answered 000_003. Response encryption is not marked; designed sealed because it carries card number and CVC.',
});
