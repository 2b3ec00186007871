import { userRegister } from '../../../lib/catalog/operations/user-register';
import { defineBehaviour, refuse, success, wireInteger } from '../behaviour';

/**
 * Sign-up issues the member's basic mobile card at once, as the platform's answer shows. The
 * terms in tcIdList (optional) are recorded as agreed; a CI given by the provider counts as a
 * verified identity.
 */
export const userRegisterBehaviour = defineBehaviour(userRegister, (input, { state, project, now }) => {
  const tcIds = (input.tcIdList ?? []).map((id) => BigInt(id));
  const [unknown] = state.terms.unknown(tcIds);
  if (unknown !== undefined) return refuse('001_079', `Terms management failed: terms ID ${unknown} not valid.`);
  const result = state.register({ ...input, aspId: project.aspId });
  if (!result.ok) return refuse('001_001', `Member already registered (${result.conflict} in use).`);
  const { member } = result;
  if (tcIds.length > 0) state.terms.agree(member.userId, tcIds, now());
  if (input.ci !== undefined) state.security.markVerified(member.userId, now());
  const card = member.cards[0];
  return success({
    userId: wireInteger(member.userId),
    ...(card && { basicCardInfo: { par: card.par, cardNo: card.cardNo, expiryDate: card.expiryDate, serviceId: card.serviceId } }),
  });
});
