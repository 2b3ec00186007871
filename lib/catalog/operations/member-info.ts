import { AddressInfo, Gender, JoinChannel, Nationality, UserId } from '../fields';
import { Date8, Type } from '../schema';
import { defineOperation } from '../types';

export const memberInfo = defineOperation({
  id: 'memberInfo',
  n: 2,
  title: 'Search for Member Information',
  titleKo: '회원 정보 조회',
  group: 'user',
  path: '/api/v1/user/info',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'read',
  request: Type.Object({ userId: UserId() }, { additionalProperties: false }),
  response: Type.Object({
    userInfo: Type.Object({
      aspId: Type.String({ minLength: 15, maxLength: 15 }),
      userId: UserId(),
      birthDate: Date8(),
      ci: Type.String({ minLength: 88, maxLength: 88 }),
      loginId: Type.String({ minLength: 1, maxLength: 80 }),
      nationality: Nationality(),
      gender: Gender(),
      mobileNumber: Type.String({ minLength: 10, maxLength: 20 }),
      userName: Type.String({ minLength: 1, maxLength: 100 }),
      email: Type.String({ minLength: 1, maxLength: 50 }),
      joinChannel: Type.Optional(JoinChannel()),
      addressInfo: Type.Optional(AddressInfo()),
    }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282615980001/33500280999840001',
  ],
  gaps: 'Answer cut off after addressInfo; 001_006 for an unknown member is taken from the sibling user operations.',
});
