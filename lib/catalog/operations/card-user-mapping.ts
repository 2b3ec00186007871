import { CardNo, CardStatusName } from '../fields';
import { Digits, Int64, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const cardUserMapping = defineOperation({
  id: 'cardUserMapping',
  n: 45,
  title: 'Card-User Mapped Inquiry',
  titleKo: '카드 매핑 회원 조회',
  group: 'card',
  path: '/api/v1/user/card/info',
  version: 'v1',
  encrypted: { request: true, response: true },
  kind: 'read',
  request: Type.Object({ cardNo: CardNo('Mobile or physical card number') }, { additionalProperties: false }),
  response: Type.Object({
    userId: Type.Optional(Int64({ minimum: 0n, maximum: 9999999999999999999n, description: 'Member the card is mapped to' })),
    balance: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_999_999_999, description: 'Card balance, KRW', ...UNDOCUMENTED })),
    ownerKa: Type.Optional(Type.String({ description: 'Owner attribute (meaning not documented; the sandbox does not send it)', ...UNDOCUMENTED })),
    serviceId: Type.Optional(Digits(15, { description: 'Card product id', ...UNDOCUMENTED })),
    serviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Card product name', ...UNDOCUMENTED })),
    cardStatus: Type.Optional(CardStatusName()),
    cashReceiptInfo: Type.Optional(
      Type.Object(
        {
          idNo: Type.Optional(Type.String()),
          manYn: Type.Optional(Type.String()),
          approvalDiv: Type.Optional(Type.String()),
        },
        { description: 'Cash-receipt settings', ...UNDOCUMENTED },
      ),
    ),
    isAutoRechargeBeforePayment: Type.Optional(Type.Boolean({ description: 'Recharges automatically before a payment', ...UNDOCUMENTED })),
  }),
  resultCodes: [
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no card with that number)', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500749245260001',
    'public client code (KONA PLATE client: KonaCardMappingResponse DTO; sandbox scenario scripts call it encrypted with {cardNo})',
  ],
  gaps:
    'The page shows only userId of the answer; the other fields come from a client DTO (types only, no limits). No result codes shown: an unknown card number answers 003_001 as on the sibling card operations (designed).',
});
