import { MerchantId, SequenceId, UserId } from '../fields';
import { Digits, Type, UNDOCUMENTED } from '../schema';
import { NO_REGISTERED_ACCOUNT, SEQUENCE_ID_REUSED, WALLET_USER_NOT_FOUND } from '../payment-codes';
import { defineOperation } from '../types';
import { chargeResultInquiry } from './charge-result-inquiry';

export const chargeByBankAccount = defineOperation({
  id: 'chargeByBankAccount',
  n: 25,
  title: 'Charge',
  titleKo: '계좌 충전',
  group: 'payment',
  path: '/api/v1/recharges/by-bank-accounts/no-hce',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'money',
  request: Type.Object(
    {
      sequenceId: SequenceId(30),
      userId: UserId(),
      // Amount() with the page's own maximum (10 digits).
      amount: Type.Integer({ minimum: 1, maximum: 9_999_999_999, description: 'Amount to charge in KRW (whole won)' }),
      oneTimeToken: Digits(16, { description: 'From /api/v2/payment/generate/onetimetoken, unused and unexpired (30 s)' }),
      dcvv: Digits(3, { description: 'Dynamic CVV issued with the one-time token' }),
      merchantId: { ...MerchantId(), ...UNDOCUMENTED },
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    nrNumber: Type.String({ minLength: 1, maxLength: 50, description: 'Platform transaction number; the key for a later cancel' }),
    isPending: Type.Boolean({
      description:
        'true: the PG gave no withdrawal result yet; the platform re-checks every 5 min on the request day and then completes (card charged) or fails the charge. Ask the result by sequenceId.',
    }),
  }),
  resultCodes: [
    NO_REGISTERED_ACCOUNT,
    { code: '007_002', http: 400, kind: 'rejected', meaning: 'Requested benefit differs from the benefit applicable at charge time', documented: true },
    { code: '007_003', http: 400, kind: 'rejected', meaning: 'Limit exceeded (refused by the KONA card approval server)', documented: true },
    { code: '007_004', http: 400, kind: 'rejected', meaning: 'Withdrawal failed at the PG', documented: true },
    { code: '007_005', http: 400, kind: 'conflict', meaning: 'A bank-account charge of this member is already in progress', documented: true },
    { code: '007_006', http: 400, kind: 'conflict', meaning: 'An auto-charge at payment time is in progress', documented: true },
    { code: '007_007', http: 400, kind: 'platform_invalid_input', meaning: 'Charge amount must be greater than 0', documented: true },
    WALLET_USER_NOT_FOUND,
    SEQUENCE_ID_REUSED,
  ],
  money: {
    key: 'sequenceId',
    // A lost or pending answer is settled by asking the result by the same sequenceId.
    outcome: { by: 'inquiry', inquiry: chargeResultInquiry },
    keep: ['userId', 'amount'],
    event: 'charge.settled',
  },
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282623480001/33500281060640001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282623480001/33500281060640001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400776974340001/33500776943250001 (sibling auto-charge page: 007_005..007_007)',
    'public client code (KonaRechargeRequest / KonaRechargeResponse)',
  ],
  gaps:
    'merchantId length is cut off (15 digits as in client code); the code list stops after 007_004 on this page (007_005..007_007 from the sibling auto-charge page). A bad or spent token or dCVV answers 000_002 naming the field; a reused sequenceId (007_101) and an unknown member (001_006) are designed.',
});
