import { cardVirtualAccountInquiry } from '../../../lib/catalog/operations/card-virtual-account-inquiry';
import { defineBehaviour, refuse, success } from '../behaviour';

/** The card's own virtual account (the same one every time; a physical card number finds its mobile card's). */
export const cardVirtualAccountInquiryBehaviour = defineBehaviour(cardVirtualAccountInquiry, (input, { state, project }) => {
  const holding = state.findCard({ cardNo: input.cardNo });
  if (!holding || holding.member.aspId !== project.aspId || holding.member.status === 'UNREGISTERED') return refuse('003_001');
  if (holding.card.status === 'TERMINATED') return refuse('003_022');
  const { accountNo, bankCode, connectType } = state.virtualAccounts.accountFor(holding.card.par);
  return success({ accountNo, bankCode, connectType });
});
