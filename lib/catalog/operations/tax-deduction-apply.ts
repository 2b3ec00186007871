import { DeductionDate, KoreanDateTime, Par, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const taxDeductionApply = defineOperation({
  id: 'taxDeductionApply',
  n: 43,
  title: 'Applying For Income Tax Deduction',
  titleKo: '소득공제 신청',
  group: 'tax',
  path: '/api/v1/cards/deduction/apply',
  version: 'v1',
  // Encrypted like its status inquiry (/api/v1/cards/deduction), whose request is marked Encrypted.
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      par: Type.String({ minLength: 27, maxLength: 27, description: 'PAR of the card to enrol', ...UNDOCUMENTED }),
    },
    { additionalProperties: false, ...UNDOCUMENTED },
  ),
  response: Type.Object(
    {
      par: Par(),
      deductionDate: DeductionDate(),
      created: KoreanDateTime({ description: 'When the enrolment was recorded, yyyyMMddHHmmss KST', ...UNDOCUMENTED }),
    },
    { description: 'Same fields as the status inquiry answers', ...UNDOCUMENTED },
  ),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
    { code: '003_094', http: 400, kind: 'conflict', meaning: 'Card already enrolled for income tax deduction', documented: false },
    { code: '003_095', http: 400, kind: 'rejected', meaning: 'A card registered under a corporation cannot be enrolled for income tax deduction', documented: false },
  ],
  documented: { path: false, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500569627840001',
  ],
  gaps:
    'No page found: path (beside the status inquiry /api/v1/cards/deduction), request (userId + par), answer (the status fields) and codes are designed. Deduction starts on the Korean date of the application; the source listed is the status inquiry page.',
});
