import { cardLimitUpdate } from '../../../lib/catalog/operations/card-limit-update';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { liveMemberCard } from '../card-rules';

/** 0 means no limit, so it orders above every amount. */
const ceiling = (limit: number) => (limit === 0 ? Number.POSITIVE_INFINITY : limit);

/**
 * Replaces the card's payment limits. Designed rule: once ≤ day ≤ month (0 = no limit), else
 * 000_002 naming the first limit out of order. 003_024: the member has no registered bank account.
 */
export const cardLimitUpdateBehaviour = defineBehaviour(cardLimitUpdate, (input, { state, project }) => {
  const { once, day, month } = input.limits;
  if (ceiling(once) > ceiling(day)) return refuse('000_002', 'Invalid input parameter: limits/once');
  if (ceiling(day) > ceiling(month)) return refuse('000_002', 'Invalid input parameter: limits/day');
  const found = liveMemberCard(state, project.aspId, userIdOf(input.userId), input.par);
  if ('refusal' in found) return refuse(found.refusal);
  const { member, card } = found;
  if (!member.accounts.normal) return refuse('003_024');
  card.limits = { once, day, month };
  return success({});
});
