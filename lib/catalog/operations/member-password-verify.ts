import { LoginId, LoginPassword, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const memberPasswordVerify = defineOperation({
  id: 'memberPasswordVerify',
  n: 12,
  title: 'Member Password Verification',
  titleKo: '회원 비밀번호 검증',
  group: 'user',
  path: '/api/v1/user/password/check',
  version: 'v1',
  // The page shows no Encrypted marker on the request although it carries the PIN: kept as documented.
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    {
      loginId: LoginId(),
      loginPassword: LoginPassword(),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({ userId: UserId() }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (unknown loginId)', documented: true },
    { code: '001_045', http: 400, kind: 'rejected', meaning: 'Wallet PIN did not match', documented: true },
    { code: '001_069', http: 400, kind: 'rejected', meaning: 'Login failed: too many attempts, password reset required', documented: true },
    { code: '001_068', http: 400, kind: 'conflict', meaning: 'Login failed: user not ACTIVE', documented: true },
    { code: '001_080', http: 400, kind: 'rejected', meaning: 'User blocked for given data and ASP configuration (fraud-registered user)', documented: true },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500800381160001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282615980001/33500800381160001',
  ],
  gaps: 'The number of wrong attempts before 001_069 is not stated (the sandbox locks at 5 in a row until a reset by #3). Response encryption is not marked (designed: clear). Although it checks a PIN it changes nothing but the attempt count, so it is a read.',
});
