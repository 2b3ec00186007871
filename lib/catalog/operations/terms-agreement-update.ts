import { TcId, UserId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const termsAgreementUpdate = defineOperation({
  id: 'termsAgreementUpdate',
  n: 9,
  title: 'Terms and Conditions Agreement/Withdrawal',
  titleKo: '약관 동의/철회',
  group: 'user',
  path: '/api/v1/user/terms/updateOptionalTermsAndConditions',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      tcList: Type.Array(
        Type.Object(
          {
            tcId: { ...TcId(), ...UNDOCUMENTED },
            isAgree: Type.Boolean({ description: 'true agrees to the terms, false withdraws the agreement', ...UNDOCUMENTED }),
          },
          { additionalProperties: false, ...UNDOCUMENTED },
        ),
        { minItems: 1, maxItems: 50, description: 'Terms to agree to or withdraw from' },
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}, { description: 'Only the result envelope' }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: true },
    { code: '001_079', http: 400, kind: 'platform_invalid_input', meaning: 'Terms management failed: terms ID not valid', documented: true },
    { code: '001_081', http: 400, kind: 'rejected', meaning: 'Mandatory terms cannot be withdrawn', documented: true },
  ],
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282615980001/33500281015260001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282615980001/33500281015260001',
  ],
  gaps: 'tcList items are collapsed on the page: tcId and isAgree are designed after the terms list and the page text (true agrees, false withdraws). The list is applied all or nothing. Response encryption is not marked (designed: clear).',
});
