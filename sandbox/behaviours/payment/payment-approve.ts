import { paymentApprove } from '../../../lib/catalog/operations/payment-approve';
import { formatStamp17 } from '../../../lib/protocol/clock';
import { koreanDate } from '../../books/korean-time';
import type { CardRecord } from '../../books/records';
import { defineBehaviour, refuse, success } from '../behaviour';
import { limitBroken } from '../card-rules';

/**
 * The token's card pays `amount` at the merchant, at once (an approval is synchronous: no pending).
 * Checks in order: transactionId unused (006_101), token and dCVV (000_002 naming the field); the
 * token is spent from there on, whatever follows: the owner not an active member or the card not
 * ACTIVE (006_012), the card past its expiry (006_011), balance below the amount (006_007), beyond
 * the card's payment limits (006_010: once; day and month totals of payments not cancelled).
 */
export const paymentApproveBehaviour = defineBehaviour(paymentApprove, (input, { state, project, now }) => {
  const at = now();
  const ledger = state.payments;
  ledger.settleDue(at);
  const book = state.cardPayments;
  if (book.payment(input.transactionId)) return refuse('006_101', `transactionId already used: ${input.transactionId}.`);
  const checked = ledger.checkPresentedToken(input.oneTimeToken, input.dcvv, project.aspId, at);
  if (!checked.ok) return refuse('000_002', `Invalid input parameter: ${checked.field}`);
  const { token, card } = checked;
  ledger.spendToken(token, input.transactionId, at);

  if (!state.activeMember(token.userId, project.aspId) || card.status !== 'ACTIVE') return refuse('006_012');
  if (expired(card, at)) return refuse('006_011');
  if (card.balance < input.amount) return refuse('006_007', `Invalid amount: the balance is ${card.balance} KRW.`);
  const overLimit = limitBroken(card.limits, input.amount, book.paidOn(card.par, at));
  if (overLimit) return refuse('006_010', `Over the limit: ${overLimit}.`);

  const payment = book.recordPayment(
    { transactionId: input.transactionId, aspId: project.aspId, userId: token.userId, par: card.par, amount: input.amount, merchantId: input.merchantId },
    card,
    at,
  );
  return success({ cardNo: card.cardNo, balance: card.balance, approvalCode: payment.approvalCode, nrNumber: payment.nrNumber, approvalTime: formatStamp17(at, 'KST') });
});

/** A card is good through the last day of its expiry month (expiryDate YYMMDD), Korean calendar. */
function expired(card: CardRecord, now: number): boolean {
  return `20${card.expiryDate}` < koreanDate(now);
}
