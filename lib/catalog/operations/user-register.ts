import { AddressInfo, Gender, JoinChannel, Nationality, UserId } from '../fields';
import { Date8, Digits, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const userRegister = defineOperation({
  id: 'userRegister',
  n: 1,
  title: 'User Register',
  titleKo: '회원 가입',
  group: 'user',
  path: '/api/v1/user/registration',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'write',
  request: Type.Object(
    {
      ci: Type.Optional(Type.String({ minLength: 88, maxLength: 88, description: 'Identity-verification CI' })),
      loginId: Type.String({ minLength: 1, maxLength: 80 }),
      loginPassword: Digits(6, { description: '6-digit PIN' }),
      birthDate: Date8(),
      nationality: Nationality(),
      gender: Gender(),
      userName: Type.String({ minLength: 1, maxLength: 100 }),
      email: Type.String({ minLength: 3, maxLength: 50, pattern: '^[^@\\s]+@[^@\\s]+$', ...UNDOCUMENTED }),
      mobileNumber: Type.String({ minLength: 10, maxLength: 20, pattern: '^[0-9]{10,20}$', ...UNDOCUMENTED }),
      addressInfo: Type.Optional(AddressInfo()),
      joinChannel: Type.Optional(JoinChannel()),
      tcIdList: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+$' }), {
          maxItems: 50,
          description: 'Ids of the terms the member agreed to',
          ...UNDOCUMENTED,
        }),
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    userId: UserId(),
    basicCardInfo: Type.Optional(
      Type.Object(
        {
          par: Type.String({ minLength: 27, maxLength: 27, description: 'PAN replacement value' }),
          cardNo: Type.String({ minLength: 16, maxLength: 16 }),
          expiryDate: Type.String({ minLength: 6, maxLength: 6, description: 'YYMMDD' }),
          serviceId: Type.String({ minLength: 15, maxLength: 15, description: 'Card product id' }),
        },
        { description: 'Mobile card issued at sign-up' },
      ),
    ),
  }),
  resultCodes: [
    { code: '001_001', http: 400, kind: 'conflict', meaning: 'Member already registered (loginId or CI in use)', documented: true },
    { code: '001_079', http: 400, kind: 'platform_invalid_input', meaning: 'Terms management failed: a tcIdList id is not valid', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282615980001/33500281665560001',
    'public client code (KONA PLATE client: registration request/response, encData both ways)',
  ],
  gaps:
    'Documentation text stops after userName: email, mobileNumber, addressInfo, joinChannel and tcIdList rules come from client code and from #2. Response encryption is seen in client code only. Result codes after 001_001 are cut off; 001_079 for an unknown terms id is taken from #9.',
});
