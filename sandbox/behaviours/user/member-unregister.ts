import { memberUnregister } from '../../../lib/catalog/operations/member-unregister';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/** Refused while a card still holds money (balance or a pending charge); then the member is gone. */
export const memberUnregisterBehaviour = defineBehaviour(memberUnregister, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  if (member.cards.some((card) => card.status !== 'TERMINATED' && (card.balance > 0 || card.pendingAmount > 0))) return refuse('001_052');
  state.unregister(member);
  return success({});
});
