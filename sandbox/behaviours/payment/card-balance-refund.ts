import { cardBalanceRefund } from '../../../lib/catalog/operations/card-balance-refund';
import { REFUND_MONTHLY_LIMITS } from '../../books/card-payments';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/**
 * Moves the whole balance of the token's card to the member's registered (normal) account: the card
 * holds 0 after it, the account's book shows the amount, the history a refund row (02). Checks:
 * member (001_006), sequenceId unused by a refund (009_101), token, dCVV and cardExpiry of the
 * card (000_002 naming the field); the token is spent from there on: no normal account (009_001),
 * nothing to refund or a charge still pending on the card (009_004), the month's refunds of the
 * member at their count (009_003) or amount (009_002) limit (REFUND_MONTHLY_LIMITS, designed).
 */
export const cardBalanceRefundBehaviour = defineBehaviour(cardBalanceRefund, (input, { state, project, now }) => {
  const at = now();
  state.payments.settleDue(at);
  const book = state.cardPayments;
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  if (book.refund(input.sequenceId)) return refuse('009_101', `sequenceId already used: ${input.sequenceId}.`);
  const checked = state.payments.checkToken(input.oneTimeToken, input.dcvv, member, at);
  if (!checked.ok) return refuse('000_002', `Invalid input parameter: ${checked.field}`);
  const { token, card } = checked;
  if (input.cardExpiry !== card.expiryDate.slice(0, 4)) return refuse('000_002', 'Invalid input parameter: cardExpiry');
  state.payments.spendToken(token, input.sequenceId, at);

  const account = member.accounts.normal;
  if (!account) return refuse('009_001');
  if (card.balance === 0) return refuse('009_004', 'Refund denied: the card holds no balance.');
  if (card.pendingAmount > 0) return refuse('009_004', 'Refund denied: a charge of the card is still pending.');
  const month = book.refundedThisMonth(member.userId, project.aspId, at);
  if (month.count >= REFUND_MONTHLY_LIMITS.count) return refuse('009_003');
  if (month.amount + card.balance > REFUND_MONTHLY_LIMITS.amount) return refuse('009_002');

  const refund = book.recordRefund({ sequenceId: input.sequenceId, aspId: project.aspId, userId: member.userId }, card, account, at);
  return success({ nrNumber: refund.nrNumber });
});
