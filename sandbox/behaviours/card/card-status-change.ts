import { cardStatusChange } from '../../../lib/catalog/operations/card-status-change';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { memberCard, memberCardByNumber } from '../card-rules';

/** SUSPEND (lost / suspended) and RESUME of a member's card; a terminated card stays terminated. */
export const cardStatusChangeBehaviour = defineBehaviour(cardStatusChange, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  if (input.par === undefined && input.cardNo === undefined) return refuse('000_003', 'Missing required parameter: par');
  let card = input.par === undefined ? undefined : memberCard(member, input.par);
  if (input.par !== undefined && !card) return refuse('003_021');
  if (input.cardNo !== undefined) {
    const byNumber = memberCardByNumber(member, input.cardNo);
    // par and cardNo given together must name the same card.
    if (!byNumber || (card && card !== byNumber)) return refuse('003_001');
    card = byNumber;
  }
  if (!card) return refuse('003_021');
  if (card.status === 'TERMINATED') return refuse('003_022');
  card.status = input.status === 'SUSPEND' ? 'SUSPENDED' : 'ACTIVE';
  return success({});
});
