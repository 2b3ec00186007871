import { KoreanDateTime, Par, UserId } from '../fields';
import { StringEnum, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const corporateIdentificationStatus = defineOperation({
  id: 'corporateIdentificationStatus',
  n: 42,
  title: 'Inquiry of Corporate Card Identification Status',
  titleKo: '법인카드 실명확인 상태 조회',
  group: 'card',
  path: '/api/v1/user/namedcard/corp/inquiry',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    {
      userId: UserId(),
      par: Type.String({ minLength: 27, maxLength: 27, description: 'PAR of the card', ...UNDOCUMENTED }),
    },
    { additionalProperties: false, ...UNDOCUMENTED },
  ),
  response: Type.Object(
    {
      par: Par(),
      status: StringEnum(['NONE', 'COMPLETED', 'FAILED'], {
        description: 'NONE: never requested; COMPLETED: the card is registered under the corporation; FAILED: the latest request did not verify',
        ...UNDOCUMENTED,
      }),
      corporationName: Type.Optional(Type.String({ minLength: 1, maxLength: 80, ...UNDOCUMENTED })),
      bizLicenseNo: Type.Optional(Type.String({ minLength: 1, maxLength: 10, ...UNDOCUMENTED })),
      requestDateTime: Type.Optional(KoreanDateTime({ description: 'When the latest request was made, yyyyMMddHHmmss KST', ...UNDOCUMENTED })),
      identifiedDateTime: Type.Optional(KoreanDateTime({ description: 'When the card became named (COMPLETED), yyyyMMddHHmmss KST', ...UNDOCUMENTED })),
    },
    UNDOCUMENTED,
  ),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: false },
  ],
  documented: { path: false, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500569641700001',
  ],
  gaps:
    'No page found: path, request (userId + par, as the corporate limit increase), answer and codes are designed as the counterpart of /api/v1/user/namedcard/corp (the source listed is that sibling page).',
});
