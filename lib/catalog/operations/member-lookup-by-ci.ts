import { Ci } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const memberLookupByCi = defineOperation({
  id: 'memberLookupByCi',
  n: 10,
  title: 'Member Info Lookup by CI',
  titleKo: 'CI 값으로 회원 정보 조회',
  group: 'user',
  path: '/api/v1/user/ci/info',
  version: 'v1',
  // The CI is personal data (protocol.md §3.1, §3.3): sent encrypted; the answer is a bare id.
  encrypted: { request: true, response: false },
  kind: 'read',
  request: Type.Object({ ci: { ...Ci(), ...UNDOCUMENTED } }, { additionalProperties: false }),
  response: Type.Object({
    // Documented as a string of 1..19 characters here, unlike the numeric userId elsewhere: kept as documented.
    userId: Type.String({ minLength: 1, maxLength: 19, pattern: '^[0-9]{1,19}$', description: 'Member id, as a decimal string on this API' }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (no member with that CI)', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: ['https://konaplate.com/en/developers/api-documentation/groups/33400282615980001/33500778716390001'],
  gaps: 'Only the answer was readable: the request (ci) is inferred from the name, encryption of both sides is designed (request encrypted, as the CI is personal data). userId is a string on this API, as documented. 001_006 is designed.',
});
