import { KOREAN_TIME, TcId, UserId } from '../fields';
import { StringEnum, Type } from '../schema';
import { defineOperation } from '../types';

/** Usage types of terms: PY personal-info collection, UNDER_14 minors, … DEDUCT automatic income-tax deduction. */
const TC_ACTION_TYPES = ['PY', 'UNDER_14', 'COUPON_SHOP', 'EZWEL', 'OPEN_BANK', 'OPEN_BANK_SPECIFIC', 'MKT_NOTI', 'DEDUCT'] as const;
const TcActionType = () => StringEnum(TC_ACTION_TYPES, { minLength: 1, maxLength: 255, description: 'Usage type of the terms' });

export const termsList = defineOperation({
  id: 'termsList',
  n: 8,
  title: 'Search for Terms and Conditions List',
  titleKo: '약관 목록 조회',
  group: 'user',
  path: '/api/v1/user/terms/all',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'read',
  request: Type.Object(
    {
      userId: Type.Optional(UserId()),
      locale: Type.Optional(Type.String({ minLength: 2, maxLength: 3, description: 'Language of the titles; default KO' })),
      tcActionType: Type.Optional(TcActionType()),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    termsList: Type.Array(
      Type.Object({
        tcId: TcId(),
        tcActionType: Type.Optional(TcActionType()),
        title: Type.String({ minLength: 1, maxLength: 255 }),
        url: Type.String({ minLength: 1, maxLength: 255, description: 'Terms document URL' }),
        required: StringEnum(['MANDATORY', 'OPTIONAL'], { minLength: 1, maxLength: 255 }),
        order: Type.String({ minLength: 1, maxLength: 8, description: 'Display order' }),
        isAgree: Type.Boolean({ description: 'The member agreed; always false when no userId is sent' }),
        agreeDate: Type.Optional(Type.String({ minLength: 17, maxLength: 17, pattern: '^[0-9]{17}$', description: 'yyyyMMddHHmmssSSS of the agreement; only with userId', ...KOREAN_TIME })),
        // The page's enum list is cut off after OPEN_BANK, so it stays an open string.
        viewPositionType: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Where the terms are shown, e.g. OPEN_BANK' })),
      }),
    ),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (userId sent)', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282615980001/33500280832650001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282615980001/33500280832650001',
    'public client code (mikmin7315/kids-money-os scripts/kona-portal-scenario-test.mjs: sandbox terms ids 29184, 29186, 29187, 29188, 601151, 601152, 604150, 606153)',
  ],
  gaps: 'viewPositionType values after OPEN_BANK and any fields after it are cut off; no error codes are shown (001_006 for an unknown userId is designed). Response encryption is not marked (designed: clear).',
});
