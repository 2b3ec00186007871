import { UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const memberAuthInfo = defineOperation({
  id: 'memberAuthInfo',
  n: 13,
  title: 'Member Authentication Info Inquiry',
  titleKo: '회원 인증 정보 조회',
  group: 'user',
  path: '/api/v1/user/deduction/info',
  version: 'v1',
  encrypted: { request: true, response: false },
  kind: 'read',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({
    isAuthed: Type.Boolean({ description: 'true: the member completed identity authentication; false: not yet' }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: ['https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500851257270001'],
  gaps: 'The page ends after isAuthed: further fields and error codes are unknown (001_006 is designed); response encryption is not marked (designed: clear). The sandbox counts a member as authenticated once their identity was verified: signed up with a CI, or reactivated by CI and personal details.',
});
