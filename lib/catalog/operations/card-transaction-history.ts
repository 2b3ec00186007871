import { KoreanDateTime, Par, UserId } from '../fields';
import { Date8, StringEnum, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

const TR_TYPES = ['00', '01', '02', '03'] as const;
const TR_TYPE_DESCRIPTION = '00 payment, 01 charge, 02 refund, 03 transfer (remittance)';

/** A whole-won amount that may be 0 (discounts, points, a balance). */
const Won = (description: string) => Type.Integer({ minimum: 0, description, ...UNDOCUMENTED });

const TransactionInfo = Type.Object(
  {
    trType: StringEnum(TR_TYPES, { description: TR_TYPE_DESCRIPTION, ...UNDOCUMENTED }),
    rcgType: Type.Optional(Type.String({ maxLength: 20, description: 'How a charge was paid for (e.g. ACCOUNT, AUTO)', ...UNDOCUMENTED })),
    nrNumber: Type.String({ minLength: 1, maxLength: 50, description: 'Platform transaction number', ...UNDOCUMENTED }),
    trAmount: Won('Transaction amount, KRW'),
    orgAmount: Won('Original amount before discounts, KRW'),
    approvalCode: Type.String({ maxLength: 20, description: 'Approval number', ...UNDOCUMENTED }),
    balanceBefore: Won('Card balance before the transaction, KRW'),
    balanceAfter: Won('Card balance after the transaction, KRW'),
    merchantName: Type.String({ maxLength: 100, ...UNDOCUMENTED }),
    bizLicenseNo: Type.Optional(Type.String({ maxLength: 10, description: 'Business registration number of the merchant', ...UNDOCUMENTED })),
    authCancelType: StringEnum(['AUTH', 'CANCEL'] as const, { description: 'AUTH: the transaction; CANCEL: its cancellation', ...UNDOCUMENTED }),
    approvalDateTime: KoreanDateTime(UNDOCUMENTED),
    discountAmount: Won('Discount, KRW'),
    usedPointAmount: Won('Points used, KRW'),
    savedPointAmount: Won('Points earned, KRW'),
    // Spelling as in client code.
    cashReciptInfo: Type.Optional(
      Type.Object(
        {
          isuStCd: Type.String({ description: 'Cash receipt issue status code', ...UNDOCUMENTED }),
          approvalNo: Type.String({ ...UNDOCUMENTED }),
          approvalDate: Type.String({ ...UNDOCUMENTED }),
        },
        { description: 'Cash receipt issued for a charge', ...UNDOCUMENTED },
      ),
    ),
    rechargeCancelable: Won('Amount of a charge that may still be cancelled, KRW (0 for anything else)'),
  },
  { ...UNDOCUMENTED },
);

export const cardTransactionHistory = defineOperation({
  id: 'cardTransactionHistory',
  n: 28,
  title: 'Checking Transaction History',
  titleKo: '거래내역 조회',
  group: 'payment',
  path: '/api/v1/transaction/card',
  version: 'v1',
  // Amounts and merchant names only, no card number or personal data: the answer is not sealed (not marked on the page).
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    {
      userId: Type.Optional(UserId(999999999999999n)),
      par: Par(),
      startDate: Date8({ description: 'First approval date searched, yyyyMMdd (Korean time)' }),
      endDate: Date8({ description: 'Last approval date searched, yyyyMMdd (Korean time), not before startDate' }),
      trType: Type.Optional(StringEnum(TR_TYPES, { description: `${TR_TYPE_DESCRIPTION}; omitted = all` })),
      includePreviousCard: Type.Optional(Type.Boolean({ default: true, description: 'Include the card this one replaced at reissue' })),
      pageRequest: Type.Optional(
        Type.Object(
          {
            page: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0, description: '0-based page number', ...UNDOCUMENTED })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, ...UNDOCUMENTED })),
            sort: Type.Optional(Type.String({ minLength: 1, maxLength: 50, default: 'approvalDateTime', description: 'Field to sort by, e.g. approvalDateTime', ...UNDOCUMENTED })),
            orderByDirection: Type.Optional(StringEnum(['ASC', 'DESC'] as const, { default: 'DESC', ...UNDOCUMENTED })),
          },
          { additionalProperties: false, description: 'Paging (from client code)', ...UNDOCUMENTED },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    pageResponse: Type.Optional(
      Type.Object(
        {
          page: Type.Integer({ minimum: 0, description: '0-based page number answered', ...UNDOCUMENTED }),
          totalPages: Type.Integer({ minimum: 0, ...UNDOCUMENTED }),
          numberOfElements: Type.Integer({ minimum: 0, description: 'Transactions on this page', ...UNDOCUMENTED }),
        },
        { ...UNDOCUMENTED },
      ),
    ),
    transactionInfo: Type.Array(TransactionInfo, { description: 'Transactions of the card, newest first by default', ...UNDOCUMENTED }),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found (no such card of this member)', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282623480001/33500281671250001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282626240001/33500281671250001',
    'public client code (KonaTransactionListResponse / getKonaTransactions: pageRequest, pageResponse, transactionInfo)',
  ],
  gaps:
    'The request table stops after includePreviousCard (pageRequest from client code); the whole answer, its lengths and required flags, the response encryption and the result codes are not shown: designed from client code, with 001_006 and 003_021 (PAR not found) borrowed from sibling pages.',
});
