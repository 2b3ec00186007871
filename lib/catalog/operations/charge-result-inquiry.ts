import { SequenceId } from '../fields';
import { StringEnum, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const chargeResultInquiry = defineOperation({
  id: 'chargeResultInquiry',
  n: 27,
  title: 'Checking Result of Charge & Cancellation of Charge',
  titleKo: '충전/충전 취소 결과 조회',
  group: 'payment',
  // Singular "by-bank-account", unlike the charge and cancel paths: as the page spells it.
  path: '/api/v1/recharges/by-bank-account/result/inquiry',
  version: 'v1',
  encrypted: { request: false, response: false },
  // A lookup by the sequenceId of an earlier charge or cancel: safe to repeat, so a read.
  kind: 'read',
  request: Type.Object(
    { sequenceId: { ...SequenceId(30), description: 'The sequenceId sent on the charge or cancel request' } },
    { additionalProperties: false },
  ),
  response: Type.Object({
    result: StringEnum(['COMPLETED', 'FAILED', 'PENDING'] as const, {
      minLength: 6,
      maxLength: 9,
      description: 'Outcome of the charge or cancel: COMPLETED (done), FAILED (nothing moved), PENDING (ask again later)',
      ...UNDOCUMENTED,
    }),
  }),
  resultCodes: [
    { code: '007_102', http: 400, kind: 'not_found', meaning: 'No charge or cancel with this sequenceId', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282623480001/33500280914620001',
    'public client code (KonaRechargeResultResponse: result COMPLETED|FAILED|PENDING, polling loop)',
  ],
  gaps:
    'The page shows result as a 6..9-character string; the values COMPLETED/FAILED/PENDING come from client code. Error codes are cut off: an unknown sequenceId answers the designed 007_102.',
});
