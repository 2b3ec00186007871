import { AddressInfo, LoginId, LoginPassword, MobileNumber, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const memberInfoUpdate = defineOperation({
  id: 'memberInfoUpdate',
  n: 4,
  title: 'Member Information Change',
  titleKo: '회원 정보 변경',
  group: 'user',
  path: '/api/v1/user/info/update',
  version: 'v1',
  // Personal data (e-mail, phone, address) travels encrypted; the answer is the envelope only.
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      loginPassword: LoginPassword('The member\'s 6-digit PIN, which authorises the change (sign-up page: the PIN is used to change member info)', UNDOCUMENTED),
      loginId: Type.Optional(LoginId({ ...UNDOCUMENTED, description: 'New login ID; must not be another member\'s' })),
      email: Type.Optional(Type.String({ minLength: 3, maxLength: 50, pattern: '^[^@\\s]+@[^@\\s]+$', ...UNDOCUMENTED })),
      mobileNumber: Type.Optional(MobileNumber(UNDOCUMENTED)),
      addressInfo: Type.Optional(AddressInfo()),
    },
    { additionalProperties: false, ...UNDOCUMENTED, description: 'userId and PIN, plus at least one field to change' },
  ),
  response: Type.Object({}, { ...UNDOCUMENTED, description: 'Only the result envelope' }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '001_045', http: 400, kind: 'rejected', meaning: 'Wallet PIN did not match', documented: false },
    { code: '001_069', http: 400, kind: 'rejected', meaning: 'Too many wrong PINs: a password reset is required', documented: false },
    { code: '001_001', http: 400, kind: 'conflict', meaning: 'The new loginId is already another member\'s', documented: false },
  ],
  documented: { path: false, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282615980001/33500281665560001',
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500280999840001',
  ],
  gaps:
    'No public page: path, fields and codes are designed. The member is named by userId and authorised by the PIN (the sign-up page says the PIN is used for info changes); loginId, email, mobileNumber and addressInfo change with the shapes of sign-up and #2; identity fields (name, birth date, CI) are not changeable here.',
});
