import { CardNo } from '../fields';
import { Digits, StringEnum, Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const issueOneTimeToken = defineOperation({
  id: 'issueOneTimeToken',
  n: 24,
  title: 'Issuance of Disposable Token',
  titleKo: '일회용 Token 발급',
  group: 'payment',
  path: '/api/v2/payment/generate/onetimetoken',
  version: 'v2',
  // The request carries a card number (marked Encrypted on the page); the answer carries the token and
  // its dynamic CVV, card credentials in all but name, so we expect it sealed too (not marked on the page).
  encrypted: { request: true, response: true },
  kind: 'write',
  request: Type.Object(
    {
      cardNo: CardNo('Physical or mobile card number issued to the member'),
      type: Type.Optional(
        StringEnum(['ATM', 'CREDIT'] as const, {
          description: 'Transaction type: omitted = payment or bank-account charge, token valid 30 s; ATM = ATM withdrawal, CREDIT = credit-card recharge, both valid 5 min',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    oneTimeToken: Digits(16, { description: 'Single-use token standing in for the card number in one payment or charge', ...UNDOCUMENTED }),
    dcvv: Digits(3, { description: 'Dynamic CVV sent with the token', ...UNDOCUMENTED }),
    expiryTime: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Instant the token stops being accepted, as epoch milliseconds (UTC): issue time + 30 s, or + 5 min for ATM and CREDIT. A payment or charge must reach the platform before it.',
        ...UNDOCUMENTED,
      }),
    ),
  }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (the card owner is not an active member)', documented: false },
    { code: '003_001', http: 400, kind: 'not_found', meaning: 'Invalid card info (no card with this number in the project)', documented: false },
    { code: '003_005', http: 400, kind: 'conflict', meaning: 'Card status does not allow transactions (not ACTIVE)', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282623480001/33500281026580001',
    'public client code (KonaOneTimeTokenResponse: oneTimeToken, dcvv, expiryTime)',
  ],
  gaps:
    'The page shows the request only (v3 view, still on the v2 path); the answer fields come from client code, expiryTime read as epoch ms, and result codes are not shown: 001_006, 003_001 and 003_005 are borrowed from the member and card pages. Response encryption is our choice (token + dCVV are card credentials).',
});
