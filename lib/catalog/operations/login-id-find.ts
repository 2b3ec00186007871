import { Ci, LoginId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const loginIdFind = defineOperation({
  id: 'loginIdFind',
  n: 6,
  title: 'Checking Log in ID check',
  titleKo: '회원 로그인 ID 찾기',
  group: 'user',
  path: '/api/v1/user/loginId/find',
  version: 'v1',
  // The login ID is an e-mail address (personal data): the answer is sealed like #2's.
  encrypted: { request: true, response: true },
  kind: 'read',
  request: Type.Object({ ci: Ci() }, { additionalProperties: false }),
  response: Type.Object({ loginId: LoginId({ description: 'Login ID (an e-mail address), unique per member' }) }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (no member with that CI)', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: ['https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500280976350001'],
  gaps: 'Only the success code is listed; 001_006 for an unknown CI is taken from the sibling user operations. Response encryption is not marked on the page (designed: encrypted, as the login ID is personal data).',
});
