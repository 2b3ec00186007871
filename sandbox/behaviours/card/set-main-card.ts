import { setMainCard } from '../../../lib/catalog/operations/set-main-card';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { liveMemberCard, makeMain } from '../card-rules';

/** Makes an active, non-sub card of the member its one main card. */
export const setMainCardBehaviour = defineBehaviour(setMainCard, (input, { state, project }) => {
  const found = liveMemberCard(state, project.aspId, userIdOf(input.userId), input.par);
  if ('refusal' in found) return refuse(found.refusal);
  const { member, card } = found;
  if (card.status === 'SUSPENDED') return refuse('003_090');
  if (card.subOf !== undefined) return refuse('003_091');
  makeMain(member, card);
  return success({});
});
