import { ServiceId } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const cardProductInquiry = defineOperation({
  id: 'cardProductInquiry',
  n: 46,
  title: 'Card Product ID Inquiry',
  titleKo: '카드 상품 ID 조회',
  group: 'card',
  path: '/api/v1/service/info/list',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    {
      serviceIdList: Type.Array(ServiceId(), { minItems: 1, maxItems: 100, description: 'Card product ids (item length 15 and count limits designed)', ...UNDOCUMENTED }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    serviceInfos: Type.Array(
      Type.Object({
        serviceId: Type.String({ minLength: 15, maxLength: 15, description: 'Product id' }),
        serviceName: Type.String({ minLength: 1, maxLength: 100, description: 'Product name (maximum designed: cut off on the page)' }),
      }),
      { description: 'One entry per known product asked for, in the order asked; unknown ids are left out (designed)' },
    ),
  }),
  resultCodes: [],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500749272910001',
  ],
  gaps:
    'The answer item list is cut after serviceName (further product attributes likely). The page gives no item rule for serviceIdList: 15 digits and 1..100 items are designed. No result codes besides success; unknown ids are designed to be left out of the answer.',
});
