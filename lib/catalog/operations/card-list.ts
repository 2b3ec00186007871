import { CardBalance, CardLimitAmount, CardNo, CardStatusName, Par, UserId } from '../fields';
import { Digits, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

/** A field the public page does not show, seen only in a client DTO (name and type, no limits). */
const dto = <T extends object>(options: T) => ({ ...options, ...UNDOCUMENTED });

export const cardList = defineOperation({
  id: 'cardList',
  n: 36,
  title: 'Search for Card',
  titleKo: '보유카드 조회',
  group: 'card',
  path: '/api/v1/user/card/list',
  version: 'v1',
  // The answer carries card numbers (PAN): only the response is marked Encrypted.
  encrypted: { request: false, response: true },
  kind: 'read',
  request: Type.Object(
    {
      userId: UserId(),
      par: Type.Optional(Par()),
      physicalCardNo: Type.Optional(CardNo('Physical card number: restricts the answer to the card it is linked to')),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    cardDataInfo: Type.Array(
      Type.Object({
        par: Par(),
        limits: Type.Optional(
          Type.Object(
            {
              day: Type.Optional(CardLimitAmount('Daily payment limit')),
              once: Type.Optional(CardLimitAmount('Per-transaction payment limit')),
              month: Type.Optional(CardLimitAmount('Monthly payment limit')),
            },
            { description: 'Payment limits (documented as present for debit cards; the sandbox answers them for every card)' },
          ),
        ),
        balance: CardBalance('Current card balance'),
        pendingAmount: CardBalance('Recharge amount held pending because it would exceed the balance cap'),
        isNamed: Type.Boolean({ description: 'Real-name registered (기명) card' }),
        serviceId: Type.Optional(Digits(15, dto({ description: 'Card product id' }))),
        serviceName: Type.Optional(Type.String(dto({ minLength: 1, maxLength: 100, description: 'Card product name' }))),
        expiryDate: Type.Optional(Type.String(dto({ minLength: 4, maxLength: 8, pattern: '^[0-9]+$', description: 'Expiry date as issued (YYMMDD in the sandbox, like the sign-up answer)' }))),
        cardApplyNo: Type.Optional(Type.String(dto({ minLength: 1, maxLength: 22, description: 'Application number of a card applied for' }))),
        mobileCardNo: Type.Optional(Digits(16, dto({ description: 'Mobile card number' }))),
        physicalCardNo: Type.Optional(Digits(16, dto({ description: 'Linked physical card number' }))),
        mobileCardStatus: Type.Optional(CardStatusName('Mobile card status')),
        physicalCardStatus: Type.Optional(CardStatusName('Physical card status')),
        rechargeable: Type.Optional(Type.Boolean(dto({ description: 'The card may be recharged now' }))),
        remittable: Type.Optional(Type.Boolean(dto({ description: 'The card may send remittances now' }))),
        refundable: Type.Optional(Type.Boolean(dto({ description: 'The balance may be refunded now' }))),
        rechargeableAmount: Type.Optional(Type.Integer(dto({ minimum: 0, maximum: 9_999_999_999, description: 'KRW that may still be recharged before the balance cap' }))),
        minRechargeAmount: Type.Optional(Type.Integer(dto({ minimum: 0, maximum: 9_999_999_999, description: 'Smallest recharge accepted, KRW' }))),
        bankInfo: Type.Optional(
          Type.Object(
            {
              bankName: Type.Optional(Type.String(dto({ maxLength: 20 }))),
              accountNo: Type.Optional(Type.String(dto({ maxLength: 20 }))),
            },
            dto({ description: 'Linked bank account (debit cards)' }),
          ),
        ),
        cardPointInfo: Type.Optional(
          Type.Array(
            Type.Object({
              autoUse: Type.Optional(Type.Boolean()),
              pointName: Type.Optional(Type.String()),
              pointPolicyId: Type.Optional(Type.String()),
              remainingPoint: Type.Optional(Type.Integer()),
            }),
            dto({ description: 'Points held on the card' }),
          ),
        ),
        autoReloadStatus: Type.Optional(Type.String(dto({ description: 'Auto-recharge state' }))),
        serviceImageUrl: Type.Optional(Type.String(dto({ description: 'Card product image URL' }))),
        enableFIC: Type.Optional(Type.Boolean(dto({}))),
        personalRechargeable: Type.Optional(Type.Boolean(dto({}))),
        maxRealNameRechargeAmount: Type.Optional(Type.Integer(dto({ minimum: 0, description: 'Balance cap of a named card, KRW' }))),
        maxNonRealNameRechargeAmount: Type.Optional(Type.Integer(dto({ minimum: 0, description: 'Balance cap of an anonymous card, KRW' }))),
        isMain: Type.Optional(Type.Boolean(dto({ description: 'The member\'s main card (designed: lets a caller see what set-main-card did)' }))),
      }),
      { description: 'The cards the member holds (terminated cards are not listed)' },
    ),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
  ],
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400402282900001/33500280949800001',
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500280949800001',
    'public client code (KONA PLATE client: KonaCardDataItem DTO)',
  ],
  gaps:
    'The page stops after isNamed: the later item fields come from a client DTO (names and types only; their limits and isMain are designed). Result codes other than success are not shown; 001_006 for an unknown member is taken from the sibling card operations.',
});
