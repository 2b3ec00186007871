import { CardApplyNo, CardNo, Par, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const cardApplicationCancel = defineOperation({
  id: 'cardApplicationCancel',
  n: 30,
  title: 'Cancellation of Card Application',
  titleKo: '카드 신청 취소',
  group: 'card',
  path: '/api/v1/card/delivery/cancel',
  version: 'v1',
  // The request carries no card data (no Encrypted marker); the answer names the discarded card's number.
  encrypted: { request: false, response: true },
  kind: 'write',
  request: Type.Object(
    {
      cardApplyNo: CardApplyNo('Application number returned by the issuance (or renewal) application'),
      userId: UserId(),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    mobileCardNo: Type.Optional(CardNo('Number of the mobile card discarded with the application')),
    par: Type.Optional(Par()),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: true },
    { code: '003_002', http: 400, kind: 'rejected', meaning: 'Card application can be canceled only on the day it was made', documented: true },
    { code: '003_003', http: 400, kind: 'conflict', meaning: 'Card application cannot be canceled in its state (mobile card used, card shipped, reissue, already canceled or registered)', documented: true },
    { code: '003_013', http: 400, kind: 'not_found', meaning: 'Indicated card issue not found', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282633020001/33500280811400001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400402282900001/33500280811400001',
  ],
  gaps:
    'Response encryption is not marked; designed sealed because it names a card number. The code for an unknown cardApplyNo is not listed: 003_013 is borrowed from physical card registration. Which states besides "mobile card used" block a cancel is not said: designed as shipped (SHIPPING or later), a reissue, or an application already canceled or registered.',
});
