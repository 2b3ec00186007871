import { BankCode, BankName } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const financialInstitutionList = defineOperation({
  id: 'financialInstitutionList',
  n: 14,
  title: 'Financial Institution List Inquiry',
  titleKo: '금융기관 목록 조회',
  group: 'account',
  path: '/api/v1/bankaccounts/bank/list',
  version: 'v1',
  // Public reference data only: nothing to seal either way.
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object({}, { additionalProperties: false, ...UNDOCUMENTED, description: 'No fields: the list is the same for every member' }),
  response: Type.Object({
    bankList: Type.Array(
      Type.Object({ bankCode: BankCode(), bankName: BankName() }, { description: 'A bank usable for account registration and charging' }),
      { ...UNDOCUMENTED, description: 'Financial institutions, by bank code' },
    ),
  }),
  resultCodes: [],
  documented: { path: false, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400282618570001/33500281052080001 (bank-code table of the real-name verification page)',
  ],
  gaps:
    'No page or client code was found: the path (in the /api/v1/bankaccounts/ family), the empty request, the bankList answer and its item shape ({bankCode, bankName} as in #21) are designed. Bank codes are the Korean interbank codes the real-name verification page lists.',
});
