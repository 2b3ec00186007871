import { setMainCard } from '../../../lib/catalog/operations/set-main-card';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { makeMain, memberCard } from './card-rules';

/** Makes an active, non-sub card of the member its one main card. */
export const setMainCardBehaviour = defineBehaviour(setMainCard, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const card = memberCard(member, input.par);
  if (!card) return refuse('003_021');
  if (card.status === 'TERMINATED') return refuse('003_022');
  if (card.status === 'SUSPENDED') return refuse('003_090');
  if (card.subOf !== undefined) return refuse('003_091');
  makeMain(member, card);
  return success({});
});
