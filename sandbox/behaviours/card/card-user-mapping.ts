import { cardUserMapping } from '../../../lib/catalog/operations/card-user-mapping';
import { defineBehaviour, refuse, success, wireInteger } from '../behaviour';
import { serviceNameOf } from '../card-rules';

/** The member a mobile or physical card number belongs to, with the card's balance and state. */
export const cardUserMappingBehaviour = defineBehaviour(cardUserMapping, (input, { state, project }) => {
  const holding = state.findCard({ cardNo: input.cardNo });
  // Another project's card, or one of a cancelled member, is as unknown as a missing one.
  if (!holding || holding.member.aspId !== project.aspId || holding.member.status === 'UNREGISTERED') return refuse('003_001');
  const { member, card } = holding;
  const serviceName = serviceNameOf(card.serviceId);
  return success({
    userId: wireInteger(member.userId),
    balance: card.balance,
    serviceId: card.serviceId,
    ...(serviceName !== undefined && { serviceName }),
    cardStatus: card.status,
  });
});
