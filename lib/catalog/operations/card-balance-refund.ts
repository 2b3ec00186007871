import { ExpiryYymm, Par, SequenceId, UserId } from '../fields';
import { GATEWAY_ONLY, Digits, Type } from '../schema';
import { REFUND_REFUSALS, REFUND_SEQUENCE_ID_REUSED, WALLET_USER_NOT_FOUND } from '../payment-codes';
import { defineOperation } from '../types';
import { cardTransactionHistory } from './card-transaction-history';

export const cardBalanceRefund = defineOperation({
  id: 'cardBalanceRefund',
  n: 53,
  title: 'Refund',
  titleKo: '잔액 환불',
  group: 'payment',
  path: '/api/v1/refund/card',
  version: 'v1',
  encrypted: { request: false, response: false },
  kind: 'money',
  request: Type.Object(
    {
      sequenceId: SequenceId(30),
      userId: UserId(),
      cardExpiry: ExpiryYymm('Expiry of the card refunded, YYMM'),
      dcvv: Digits(3, { description: 'Dynamic CVV issued with the one-time token' }),
      oneTimeToken: Digits(16, { description: 'From /api/v2/payment/generate/onetimetoken for the card refunded' }),
      par: {
        ...Par(),
        ...GATEWAY_ONLY,
        description: 'The card the one-time token was issued for (gateway only, never sent): its transaction history tells what became of a refund whose answer was lost',
      },
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    nrNumber: Type.String({ minLength: 18, maxLength: 18, description: 'Transaction number of the refund' }),
  }),
  resultCodes: [...REFUND_REFUSALS, WALLET_USER_NOT_FOUND, REFUND_SEQUENCE_ID_REUSED],
  money: {
    key: 'sequenceId',
    // The page says a lost answer is checked by the sequenceId, but no refund-result inquiry was
    // found (the charge inquiry covers charges and their cancels): the card history (trType 02) tells.
    outcome: {
      by: 'history',
      history: cardTransactionHistory,
      match: { trType: '02', authCancelType: 'AUTH', answerFields: { nrNumber: 'nrNumber' } },
    },
    keep: ['userId', 'par'],
    gatewayOnly: ['par'],
    event: 'refund.settled',
  },
  documented: { path: true, encryption: true, request: true, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400735475150001/33500740504060001 (request: sequenceId 1..30, userId, cardExpiry YYMM, dcvv, oneTimeToken)',
    'https://konaplate.com/en/developers/api-documentation/groups/33400402285390001/33500280867470001 (answer nrNumber, length 18; codes 000_002, 009_001..009_004)',
    'https://konaplate.com/en/developers/api-documentation/groups/33400402285390001/33500280851590001 (the refund fee page: /api/v1/refund/fee, not in the catalog)',
  ],
  gaps:
    'The whole card balance goes to the member\'s registered account (no amount is sent); the fee (/api/v1/refund/fee) is not modelled. The page says a lost answer is checked by the sequenceId but names no inquiry for refunds: the outcome is learned from the card history (trType 02), so the caller names the card (par, gateway only). 001_006 and a reused sequenceId (009_101) are designed; the monthly limits behind 009_002/009_003 are not published.',
});
