import { LoginId, MobileNumber, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const loginIdDuplicateCheck = defineOperation({
  id: 'loginIdDuplicateCheck',
  n: 11,
  title: 'Member Login ID Duplicate Check',
  titleKo: '회원 로그인 ID 중복 확인',
  group: 'user',
  path: '/api/v1/user/checkRegistrationId',
  version: 'v1',
  encrypted: { request: true, response: false },
  kind: 'read',
  request: Type.Object(
    {
      userId: Type.Optional({ ...UserId(), description: 'A duplicate that belongs to this member passes (e.g. before changing their own login ID)' }),
      loginId: Type.Optional(LoginId({ description: 'Login ID to check; loginId or mobileNumber (or both) must be sent' })),
      mobileNumber: Type.Optional(MobileNumber({ ...UNDOCUMENTED, description: 'Mobile number to check; loginId or mobileNumber (or both) must be sent' })),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}, { ...UNDOCUMENTED, description: 'Only the result envelope: 000_000 means no conflicting member' }),
  resultCodes: [
    { code: '001_001', http: 400, kind: 'conflict', meaning: 'Login ID or mobile number already used by another member', documented: false },
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (userId sent)', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: false },
  sources: ['https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500797771750001'],
  gaps:
    'The page says 000_000 means no conflicting member and cuts off before the duplicate codes, the mobile field and the answer. Designed: mobileNumber (as on sign-up); a duplicate answers 001_001 (the sign-up duplicate code); neither loginId nor mobileNumber is 000_003; the answer is the envelope only.',
});
