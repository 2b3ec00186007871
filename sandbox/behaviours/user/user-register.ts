import { userRegister } from '../../../lib/catalog/operations/user-register';
import { defineBehaviour, refuse, success, wireInteger } from '../behaviour';

/** Sign-up issues the member's basic mobile card at once, as the platform's answer shows. */
export const userRegisterBehaviour = defineBehaviour(userRegister, (input, { state, project }) => {
  const result = state.register({ ...input, aspId: project.aspId });
  if (!result.ok) return refuse('001_001', `Member already registered (${result.conflict} in use).`);
  const { member } = result;
  const card = member.cards[0];
  return success({
    userId: wireInteger(member.userId),
    ...(card && { basicCardInfo: { par: card.par, cardNo: card.cardNo, expiryDate: card.expiryDate, serviceId: card.serviceId } }),
  });
});
