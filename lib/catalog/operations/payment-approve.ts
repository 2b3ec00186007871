import { CardBalance, CardNo, MerchantId, Par, PaymentChannel, TransactionId } from '../fields';
import { GATEWAY_ONLY, Digits, Type, UNDOCUMENTED } from '../schema';
import { PAYMENT_REFUSALS, TRANSACTION_ID_REUSED } from '../payment-codes';
import { defineOperation } from '../types';
import { cardTransactionHistory } from './card-transaction-history';

/** 18 characters on the payment page: the network reference number, the key of a later cancel. */
const NrNumber = (description: string) => Type.String({ minLength: 18, maxLength: 18, description });

export const paymentApprove = defineOperation({
  id: 'paymentApprove',
  n: 51,
  title: 'Payment',
  titleKo: '결제 승인',
  group: 'payment',
  path: '/api/v1/payment/no-hce',
  version: 'v1',
  // Sent in clear (client code); the answer holds the card number and may come back sealed (client
  // code notes it): designed sealed. The gateway opens any encData answer either way.
  encrypted: { request: false, response: true },
  kind: 'money',
  request: Type.Object(
    {
      transactionId: TransactionId(),
      oneTimeToken: Digits(16, { description: 'From /api/v2/payment/generate/onetimetoken for the paying card, unused and unexpired (30 s)', ...UNDOCUMENTED }),
      dcvv: Digits(3, { description: 'Dynamic CVV issued with the one-time token', ...UNDOCUMENTED }),
      amount: Type.Integer({ minimum: 1, maximum: 9_999_999_999, description: 'Amount to pay in KRW (whole won)', ...UNDOCUMENTED }),
      merchantId: { ...MerchantId(), ...UNDOCUMENTED },
      channel: PaymentChannel(),
      par: {
        ...Par(),
        ...GATEWAY_ONLY,
        description:
          'The card the one-time token was issued for (gateway only, never sent): its transaction history tells what became of a payment whose answer was lost',
      },
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    cardNo: CardNo('Number of the card the one-time token was issued for'),
    balance: { ...CardBalance('Card balance after the payment, KRW'), maximum: 999_999_999_999 },
    approvalCode: Type.String({ minLength: 6, maxLength: 6, description: 'Approval number' }),
    nrNumber: NrNumber('Network reference number: the key of a later cancel'),
    approvalTime: Digits(17, { description: 'Approval time, yyyyMMddHHmmssSSS' }),
  }),
  resultCodes: [...PAYMENT_REFUSALS, TRANSACTION_ID_REUSED],
  money: {
    key: 'transactionId',
    // No payment-result inquiry is published: a lost answer is found in the card's history (trType 00).
    outcome: {
      by: 'history',
      history: cardTransactionHistory,
      match: { trType: '00', authCancelType: 'AUTH', amountField: 'amount', answerFields: { nrNumber: 'nrNumber', approvalCode: 'approvalCode', balance: 'balanceAfter' } },
    },
    keep: ['par', 'amount', 'merchantId'],
    gatewayOnly: ['par'],
    event: 'payment.approved',
  },
  documented: { path: true, encryption: false, request: false, response: true },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400402287480001/33500280858810001 (path, answer fields, 006_005..006_012)',
    'public client code: github.com/mikmin7315/kids-money-os src/lib/konaplate/cards.ts (KonaPaymentNoHceRequest: oneTimeToken, dcvv, amount, merchantId, channel OPENAPI, transactionId; sent in clear)',
    'public client code: github.com/mikmin7315/kids-money-os src/lib/konaplate/client.ts (the answer of /api/v1/payment/no-hce may come back as encData)',
    'public client code: github.com/mikmin7315/kids-money-os scripts/kona-portal-scenario-test.mjs (a payment with a fresh one-time token, merchant 15 digits)',
  ],
  gaps:
    'The page shows the path, the answer and the codes; its request table is not public: every request field is from client code, their lengths designed (transactionId 1..30 like a sequenceId). Answer encryption is designed (client code says it may be sealed). No payment-result inquiry was found: the outcome of a lost answer is learned from the card history, so the caller names the card (par, gateway only). A reused transactionId (006_101) is designed; the code list may go on after 006_012.',
});
