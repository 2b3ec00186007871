import { CardApplyNo, CardNo, DeliveryAddressInfo, MemberRef } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const expiringCardRenewal = defineOperation({
  id: 'expiringCardRenewal',
  n: 32,
  title: 'Reissuance & Renewal of Prepaid Card to be Expired',
  titleKo: '만료 예정 선불카드 재발급(갱신)',
  group: 'card',
  path: '/api/v1/prepay-card/expired/reissue',
  version: 'v1',
  // The answer is only the application number: no card data to seal.
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userInfo: MemberRef(),
      addressInfo: DeliveryAddressInfo('Delivery address of the renewed physical card'),
      cardInfo: Type.Object(
        { oldCardNo: CardNo('Number of the card about to expire (mobile or linked physical card)') },
        { additionalProperties: false, description: 'The card renewed', ...UNDOCUMENTED },
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    cardApplyNo: CardApplyNo('Application number of the renewal; register the delivered card with it'),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: true },
    { code: '003_004', http: 400, kind: 'conflict', meaning: 'Card issue status does not allow reissue (already reissued or renewal in progress)', documented: true },
    { code: '003_005', http: 400, kind: 'conflict', meaning: 'Card status is not active or suspended', documented: true },
    { code: '003_006', http: 400, kind: 'rejected', meaning: 'Card expiry date is more than 30 days away', documented: true },
    { code: '003_007', http: 400, kind: 'rejected', meaning: 'User name not found', documented: true },
    { code: '003_008', http: 400, kind: 'not_found', meaning: 'PAR not found from cardNo', documented: true },
    { code: '003_009', http: 400, kind: 'rejected', meaning: 'Product not valid for this card issue type (no reissue)', documented: true },
    { code: '003_010', http: 400, kind: 'rejected', meaning: 'Card reissue fee payment failed', documented: true },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500281115300001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500281115300001',
  ],
  gaps:
    'The request is cut off after addressInfo.zipCode: cardInfo.oldCardNo comes from the error text "Invalid input parameter. cardInfo.oldCardNo"; the code list is cut after 003_010; response encryption is not shown. Designed flow: a new physical card ships; registering it (physical card registration with this cardApplyNo) issues the new mobile card, moves the balance and terminates the old card.',
});
