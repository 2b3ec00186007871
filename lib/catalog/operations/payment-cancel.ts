import { CardNo, MerchantId, Par, PaymentChannel } from '../fields';
import { GATEWAY_ONLY, Type, UNDOCUMENTED } from '../schema';
import { PAYMENT_ALREADY_CANCELLED, PAYMENT_NOT_FOUND, PAYMENT_REFUSALS } from '../payment-codes';
import { defineOperation } from '../types';
import { cardTransactionHistory } from './card-transaction-history';

const NOT_PERMITTED = PAYMENT_REFUSALS.find((row) => row.code === '006_012')!;

export const paymentCancel = defineOperation({
  id: 'paymentCancel',
  n: 52,
  title: 'Cancellation of Payment',
  titleKo: '결제 취소',
  group: 'payment',
  path: '/api/v1/payment/cancel/no-hce',
  version: 'v1',
  // Client code seals the request (it carries the card number); the answer is the envelope alone.
  encrypted: { request: true, response: false },
  kind: 'money',
  request: Type.Object(
    {
      cardNo: { ...CardNo('Number of the card that paid'), ...UNDOCUMENTED },
      amount: Type.Integer({ minimum: 1, maximum: 9_999_999_999, description: 'Amount of the original payment, KRW: a payment is cancelled whole', ...UNDOCUMENTED }),
      nrNumber: Type.String({ minLength: 1, maxLength: 50, description: 'nrNumber the payment answered: the payment to cancel, and the key of this cancel', ...UNDOCUMENTED }),
      merchantId: { ...MerchantId(), description: 'Merchant of the original payment', ...UNDOCUMENTED },
      channel: PaymentChannel(),
      par: {
        ...Par(),
        ...GATEWAY_ONLY,
        description: 'The card that paid (gateway only, never sent): its transaction history tells what became of a cancel whose answer was lost',
      },
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}, { description: 'The result envelope only', ...UNDOCUMENTED }),
  resultCodes: [NOT_PERMITTED, PAYMENT_NOT_FOUND, PAYMENT_ALREADY_CANCELLED],
  money: {
    // A payment is cancelled once and whole: its nrNumber names the cancel too.
    key: 'nrNumber',
    outcome: {
      by: 'history',
      history: cardTransactionHistory,
      match: { trType: '00', authCancelType: 'CANCEL', amountField: 'amount', answerFields: {} },
    },
    keep: ['par', 'amount', 'merchantId'],
    gatewayOnly: ['par'],
    event: 'payment.cancelled',
  },
  documented: { path: false, encryption: false, request: false, response: false },
  sources: [
    'public client code: github.com/mikmin7315/kids-money-os src/lib/konaplate/cards.ts (KonaPaymentCancelNoHceRequest: cardNo, amount of the original, nrNumber of the original, merchantId, channel OPENAPI; sent sealed; answer the envelope only)',
    'public client code: github.com/mikmin7315/kids-money-os scripts/kona-portal-scenario-test.mjs (cancel of a payment by its nrNumber and amount)',
    'https://konaplate.com/en/developers/api-documentation/groups/33400402287480001/33500280858810001 (006_012 "not enough authority ... in case of cancellation")',
  ],
  gaps:
    'No public page of this API was found: path, fields and encryption are from one client project (its cards.ts seals the request, one of its scripts sends it in clear: sealed is designed, the card number being in it). No transaction id is sent, so the cancel is keyed by the payment it reverses (nrNumber): a payment is cancelled whole, once. 006_102 (no such payment) and 006_103 (already cancelled) are designed; the outcome of a lost answer is learned from the card history (trType 00, CANCEL).',
});
