import { paymentCancel } from '../../../lib/catalog/operations/payment-cancel';
import { defineBehaviour, refuse, success } from '../behaviour';

/**
 * Cancels a payment of the project whole: the paying card (or the card that replaced it) gets the
 * amount back, and its history shows a payment row (00) of type CANCEL. The card number must be
 * that card's (mobile or physical), else no such payment on it (006_102); cancelled already
 * (006_103); the amount and merchant must be the payment's (000_002 naming the field); a card
 * terminated since cannot take the money back (006_012).
 */
export const paymentCancelBehaviour = defineBehaviour(paymentCancel, (input, { state, project, now }) => {
  const at = now();
  state.payments.settleDue(at);
  const book = state.cardPayments;
  const payment = book.paymentByNrNumber(input.nrNumber);
  const holding = state.findCard({ cardNo: input.cardNo });
  if (!payment || payment.aspId !== project.aspId || !holding || holding.member.aspId !== project.aspId) return refuse('006_102');
  const card = book.cardHolding(payment.par);
  if (holding.card.par !== payment.par && holding.card.par !== card.par) return refuse('006_102');
  if (payment.cancel) return refuse('006_103');
  if (input.amount !== payment.amount) return refuse('000_002', 'Invalid input parameter: amount');
  if (input.merchantId !== payment.merchantId) return refuse('000_002', 'Invalid input parameter: merchantId');
  if (card.status === 'TERMINATED') return refuse('006_012');
  book.recordPaymentCancel(payment, at);
  return success({});
});
