import { CardApplyNo, CardCvc, CardNo, DeliveryAddressInfo, MemberRef, Par, ServiceId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const lostCardReissue = defineOperation({
  id: 'lostCardReissue',
  n: 31,
  title: 'Reissuance of Prepaid Card (Replacement Issuance)',
  titleKo: '선불카드 재발급(분실 재발급)',
  group: 'card',
  path: '/api/v1/prepay-card/reissue/delivery',
  version: 'v1',
  // The answer carries the replacement mobile card's number and CVC.
  encrypted: { request: true, response: true },
  kind: 'write',
  request: Type.Object(
    {
      userInfo: MemberRef(),
      addressInfo: Type.Optional(DeliveryAddressInfo('Delivery address; required when isDeliveryRequired is true')),
      isDeliveryRequired: Type.Optional(
        Type.Boolean({ description: 'true: ship a physical card; false or absent: mobile card only (refused for normal-type products)', ...UNDOCUMENTED }),
      ),
      cardInfo: Type.Object(
        { oldCardNo: CardNo('Number of the lost card being replaced (mobile or linked physical card)') },
        { additionalProperties: false, description: 'The card replaced', ...UNDOCUMENTED },
      ),
      serviceId: Type.Optional(ServiceId()),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    cardApplyNo: CardApplyNo(),
    mobileCardNo: Type.Optional(CardNo('Replacement mobile card number')),
    mobileCardCVC: Type.Optional(CardCvc('Replacement mobile card CVC')),
    mobileCardPar: Type.Optional(Par()),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: true },
    { code: '003_018', http: 400, kind: 'conflict', meaning: 'Card already reissued', documented: true },
    { code: '003_019', http: 400, kind: 'rejected', meaning: 'Member bank account invalid (reissue fee cannot be withdrawn)', documented: true },
    { code: '003_020', http: 400, kind: 'conflict', meaning: 'A reissue application is already in progress', documented: true },
    { code: '003_048', http: 400, kind: 'rejected', meaning: 'Next service id not valid for reissue', documented: true },
    { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered bank account (reissue fee)', documented: true },
    { code: '003_044', http: 400, kind: 'rejected', meaning: 'User is not authenticated', documented: true },
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no card of the member with that number)', documented: false },
    { code: '003_005', http: 400, kind: 'conflict', meaning: 'Card is not reported lost (status must be SUSPENDED)', documented: false },
    { code: '003_024', http: 400, kind: 'rejected', meaning: 'Card delivery should be required in case of normal type', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500281669910001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500281669910001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500281115300001 (sibling renewal: cardInfo.oldCardNo)',
  ],
  gaps:
    'The request is cut off after addressInfo: cardInfo.oldCardNo (named by the sibling renewal error) and an optional serviceId of the new product (from 003_048) are designed. The code list is cut after 003_044: 003_001 (unknown card), 003_005 (card not SUSPENDED) and 003_024 (normal type needs delivery) are borrowed from sibling card pages. Designed flow: the old card is terminated at once and its balance moves to the new mobile card; a fee, when the product has one, is withdrawn from the normal bank account.',
});
