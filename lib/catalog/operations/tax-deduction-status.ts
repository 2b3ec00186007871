import { DeductionDate, KoreanDateTime, Par } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const taxDeductionStatus = defineOperation({
  id: 'taxDeductionStatus',
  n: 44,
  title: 'Inquiry of Card Tax Deduction Status',
  titleKo: '카드 소득공제 신청 상태 조회',
  group: 'tax',
  path: '/api/v1/cards/deduction',
  version: 'v1',
  encrypted: { request: true, response: false },
  kind: 'read',
  request: Type.Object({ par: Par() }, { additionalProperties: false }),
  response: Type.Object({
    par: Par(),
    deductionDate: Type.Optional(DeductionDate({ description: 'Income deduction start date (yyyyMMdd as a number: format designed, the page shows a placeholder)', ...UNDOCUMENTED })),
    created: Type.Optional(KoreanDateTime({ description: 'When the enrolment was recorded (length cut off on the page; yyyyMMddHHmmss KST designed)', ...UNDOCUMENTED })),
  }, { description: 'deductionDate and created are absent while the card is not enrolled' }),
  resultCodes: [
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500569627840001',
  ],
  gaps:
    'Field limits on the page are placeholders (Length 0 / Value 0) and the list is cut after created: deductionDate as a yyyyMMdd number and created as yyyyMMddHHmmss are designed. No result codes shown; 003_021 for an unknown card is taken from the sibling card operations.',
});
