import { StringEnum, Type } from '../schema';
import { defineOperation } from '../types';

export const bankAccountRegistrationStatus = defineOperation({
  id: 'bankAccountRegistrationStatus',
  n: 18,
  title: 'Search for Account Registration Status',
  titleKo: '계좌 등록 상태 조회',
  group: 'account',
  path: '/api/v1/bankaccounts/ars/register/inquiry',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    { regNo: Type.String({ minLength: 22, maxLength: 22, description: 'The bankAccRegNo /api/v1/bankaccounts/ars/register answered' }) },
    { additionalProperties: false },
  ),
  response: Type.Object({
    status: StringEnum(['ARS_AUTH_IN_PROGRESS', 'ARS_AUTH_DONE', 'ARS_AUTH_FAILED', 'BANK_ACC_REG_FAILED', 'BANK_ACC_REGISTERED'], {
      minLength: 1,
      maxLength: 20,
      description: 'ARS_AUTH_IN_PROGRESS / ARS_AUTH_DONE: still running; BANK_ACC_REGISTERED: done; the *_FAILED values are final failures',
    }),
  }),
  resultCodes: [
    { code: '002_019', http: 400, kind: 'not_found', meaning: 'No registration found for regNo', documented: true },
    { code: '002_014', http: 400, kind: 'rejected', meaning: 'Registration failed because ARS auth failed', documented: true },
    { code: '002_015', http: 400, kind: 'rejected', meaning: 'Registration failed: lifetime account', documented: true },
    { code: '002_016', http: 400, kind: 'rejected', meaning: 'Invalid account (transaction-restricted)', documented: true },
    { code: '002_017', http: 400, kind: 'rejected', meaning: 'Registration failed (meaning cut off in the public page text)', documented: true },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282618570001/33500280936170001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282618570001/33500280936170001',
  ],
  gaps:
    'The result-code list is cut off after 002_017 (its meaning unknown; more may follow). Whether a failed registration answers 200 with a *_FAILED status or 400 with its code is not said: the sandbox answers the code.',
});
