import { Ci, Gender } from '../fields';
import { Date8, Type } from '../schema';
import { defineOperation } from '../types';

export const dormantMemberActivate = defineOperation({
  id: 'dormantMemberActivate',
  n: 7,
  title: 'Activation of Dormant Member',
  titleKo: '휴면 회원 활성화',
  group: 'user',
  path: '/api/v1/user/dormancy/change-active',
  version: 'v1',
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object(
    {
      ci: Ci(),
      userName: Type.String({ minLength: 1, maxLength: 100 }),
      birthDate: Date8(),
      gender: Gender(),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}, { description: 'Only the result envelope' }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (no member with that CI)', documented: true },
    { code: '001_080', http: 400, kind: 'rejected', meaning: 'User is blocked for given data and ASP configuration (registered fraud user)', documented: true },
    { code: '001_087', http: 400, kind: 'not_found', meaning: 'Dormancy user not found (the member is not dormant, or the details do not match)', documented: true },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500281108470001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282615980001/33500281108470001',
  ],
  gaps: 'The request list is cut off after gender (further identity fields may exist). The answer shows no body fields (envelope only); its encryption is not marked (designed: clear).',
});
