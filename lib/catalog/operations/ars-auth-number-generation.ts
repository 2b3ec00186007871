import { UserId } from '../fields';
import { Digits, Type } from '../schema';
import { defineOperation } from '../types';

export const arsAuthNumberGeneration = defineOperation({
  id: 'arsAuthNumberGeneration',
  n: 16,
  title: 'Authentication code generation before ARS authentication',
  titleKo: 'ARS 인증 전 인증번호 생성',
  group: 'account',
  path: '/api/v1/bankaccounts/ars/auth',
  version: 'v1',
  // The page marks neither side (client code seals the request anyway; the sandbox accepts both).
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({
    authNumber: Digits(2, { description: 'Number shown on screen; the member keys it in during the ARS call' }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '002_013', http: 400, kind: 'conflict', meaning: 'An ARS account registration is already in progress for this member', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282618570001/33500280819190001',
    'public client code (KonaBankAccountArsAuthResponse: authNumber, 2 digits; scenario script sends {userId})',
  ],
  gaps:
    'The answer (authNumber, 2 digits) is known from client code only and the response encryption is not shown; the page shows no Encrypted marker on the request while client code encrypts it. Refusal codes are not shown: 001_006 and 002_013 (registration in progress, #17) are borrowed.',
});
