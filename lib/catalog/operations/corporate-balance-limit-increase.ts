import { Par, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const corporateBalanceLimitIncrease = defineOperation({
  id: 'corporateBalanceLimitIncrease',
  n: 41,
  title: 'Balance Limit Increase (Corporate card)',
  titleKo: '잔액 한도 상향 (법인 카드)',
  group: 'card',
  path: '/api/v1/user/namedcard/corp',
  version: 'v1',
  // Corporate identifiers are not personal data; the page shows no Encrypted marker on the request.
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      corporationName: Type.String({ minLength: 1, maxLength: 80, description: 'Corporate name' }),
      bizLicenseNo: Type.String({ minLength: 1, maxLength: 10, description: 'Business registration number (사업자등록번호, 10 digits in Korea)' }),
      registrationNumber: Type.String({
        minLength: 13, maxLength: 13, pattern: '^[0-9]{13}$',
        description: 'Corporate registration number (법인등록번호, 13 digits; limits cut off on the page)', ...UNDOCUMENTED,
      }),
      userId: UserId(),
      par: Type.String({ minLength: 27, maxLength: 27, description: 'PAR of the card to register under the corporation', ...UNDOCUMENTED }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object(
    {
      par: Par(),
      isNamed: Type.Boolean({ description: 'true: the card is now registered under the corporation', ...UNDOCUMENTED }),
      maxRealNameRechargeAmount: Type.Integer({ minimum: 0, description: 'Balance cap of the card now, KRW', ...UNDOCUMENTED }),
    },
    UNDOCUMENTED,
  ),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
    { code: '003_092', http: 400, kind: 'rejected', meaning: 'Corporate information could not be verified', documented: false },
    { code: '003_093', http: 400, kind: 'conflict', meaning: 'Card is already registered under a real name', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500569641700001',
  ],
  gaps:
    'The request table is cut after registrationNumber: its length, userId and par (which card) are designed, as are the answer and every result code (designed codes 003_09x sit clear of the documented range). The sandbox verifies the check digits of both numbers and records each attempt for the identification status inquiry.',
});
