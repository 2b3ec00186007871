import { cardTerminate } from '../../../lib/catalog/operations/card-terminate';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { memberCard, restoreMainCard } from '../card-rules';

/**
 * Discards a card for good, with its sub cards. The basic card, a sub card on its own, a card
 * linked to a physical card, and a card (or sub card) still holding money are refused.
 */
export const cardTerminateBehaviour = defineBehaviour(cardTerminate, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const card = memberCard(member, input.par);
  if (!card || card.status === 'TERMINATED') return refuse('001_047');
  if (card.kind === 'basic') return refuse('001_059');
  if (card.subOf !== undefined) return refuse('001_061');
  const going = [card, ...member.cards.filter((other) => other.subOf === card.par && other.status !== 'TERMINATED')];
  if (going.some((each) => each.physicalCardNo !== undefined)) return refuse('001_062');
  if (going.some((each) => each.balance > 0 || each.pendingAmount > 0)) return refuse('001_052');
  for (const each of going) {
    each.status = 'TERMINATED';
    each.isMain = false;
  }
  restoreMainCard(member);
  return success({});
});
