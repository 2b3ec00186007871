import { SequenceId, UserId } from '../fields';
import { Digits, Type, UNDOCUMENTED } from '../schema';
import { NO_REGISTERED_ACCOUNT, SEQUENCE_ID_REUSED, WALLET_USER_NOT_FOUND } from '../payment-codes';
import { defineOperation } from '../types';
import { chargeResultInquiry } from './charge-result-inquiry';

export const cancelChargeByBankAccount = defineOperation({
  id: 'cancelChargeByBankAccount',
  n: 26,
  title: 'Cancellation of Charge',
  titleKo: '계좌 충전 취소',
  group: 'payment',
  path: '/api/v1/recharges/by-bank-accounts/no-hce/cancel',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'money',
  request: Type.Object(
    {
      // The page says "Length 30" where the charge page says 1..30 for the same kind of number: read as a maximum.
      sequenceId: SequenceId(30),
      userId: UserId(),
      nrNumber: Type.String({ minLength: 1, maxLength: 50, description: 'nrNumber the original charge answered' }),
      oneTimeToken: Digits(16, { description: 'A fresh one-time token of the charged card' }),
      dcvv: Digits(3, { description: 'Dynamic CVV issued with the one-time token', ...UNDOCUMENTED }),
      cardExpiry: Type.String({
        minLength: 4,
        maxLength: 4,
        pattern: '^[0-9]{2}(0[1-9]|1[0-2])$',
        description: 'Expiry of the charged card, YYMM',
        ...UNDOCUMENTED,
      }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    isPending: Type.Boolean({
      description: 'true: the PG gave no result yet; the platform re-checks every 5 min on the request day. Ask the result by sequenceId.',
    }),
  }),
  resultCodes: [
    NO_REGISTERED_ACCOUNT,
    { code: '007_030', http: 400, kind: 'conflict', meaning: 'This transaction cannot be cancelled', documented: true },
    { code: '007_040', http: 400, kind: 'rejected', meaning: 'The original charge used a different payment method', documented: true },
    { code: '007_043', http: 400, kind: 'rejected', meaning: 'Member name differs from the bank account holder name', documented: true },
    WALLET_USER_NOT_FOUND,
    SEQUENCE_ID_REUSED,
  ],
  money: {
    key: 'sequenceId',
    // A lost or pending answer is settled by asking the result by the same sequenceId.
    outcome: { by: 'inquiry', inquiry: chargeResultInquiry },
    keep: ['userId'],
    event: 'charge.settled',
  },
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401400650001/33400282623480001/33500280807810001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282623480001/33500280807810001',
    'public client code (KonaRechargeCancelRequest; sample body with cardExpiry "2509")',
  ],
  gaps:
    'The request table is cut after oneTimeToken: dcvv and cardExpiry (YYMM) come from client code; the code list may go on after 007_043. Triggers of 007_030/007_040/007_043, the reused-sequenceId code 007_101 and 001_006 are designed; the money goes back to the account the next day.',
});
