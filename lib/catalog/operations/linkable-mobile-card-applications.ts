import { CardApplyNo, CardCvc, CardNo, Par, UserId } from '../fields';
import { StringEnum, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const linkableMobileCardApplications = defineOperation({
  id: 'linkableMobileCardApplications',
  n: 34,
  title: 'Search for Mobile Card Application Information Linkable to Physical Card',
  titleKo: '실물카드 연결 가능 모바일카드 신청정보 조회',
  group: 'card',
  path: '/api/v1/issued-cards/pre-issue/waiting/physical',
  version: 'v1',
  // The answer lists mobile card numbers and CVCs, so it is sealed; the request is just the member id.
  encrypted: { request: false, response: true },
  kind: 'read',
  request: Type.Object(
    { userId: UserId() },
    { additionalProperties: false, description: 'Designed: the page shows no request parameters', ...UNDOCUMENTED },
  ),
  response: Type.Object({
    issuedCardList: Type.Array(
      Type.Object({
        cardApplyNo: CardApplyNo('Application number; input to physical card registration'),
        issueType: StringEnum(['ISSUE', 'REISSUE'] as const, { description: 'ISSUE new application, REISSUE reissue (lost card or renewal)' }),
        digital: Type.Object(
          {
            cardNo: CardNo('Mobile card number'),
            par: Par(),
            serviceId: Type.String({ minLength: 1, maxLength: 15, description: 'Card product id' }),
            serviceName: Type.String({ minLength: 1, maxLength: 255, description: 'Card product name' }),
            mobileCardCVC: CardCvc('Mobile card CVC'),
          },
          { description: 'The pre-issued mobile card' },
        ),
        status: Type.String({
          minLength: 1,
          maxLength: 15,
          description:
            'READY in progress, COST_PAYING fee being charged, COST_PAID fee charged, COST_PAY_FAILED fee charge failed (final), DIGITAL_ISSUED mobile card issued, PHYSICAL_ISSUED physical card delivered (this last name is designed: the list is cut off at "PHYSICAL_ISSUE")',
        }),
      }),
      { description: 'Applications waiting for their physical card to be registered, oldest first' },
    ),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400282633020001/33500281717810001',
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500281717810001',
  ],
  gaps:
    'Request, encryption and result codes are not shown: {userId} and 001_006 are designed, the answer sealed because it carries card numbers and CVCs. The status list is cut off after DIGITAL_ISSUED / PHYSICAL_ISSUE…, so status is an open string. Only pre-issue applications appear (a renewal issues its mobile card at registration).',
});
