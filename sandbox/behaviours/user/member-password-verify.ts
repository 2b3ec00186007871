import { memberPasswordVerify } from '../../../lib/catalog/operations/member-password-verify';
import { defineBehaviour, refuse, success, wireInteger } from '../behaviour';
import { checkPin } from './pin';

/** Order: unknown, fraud-listed, not ACTIVE (dormant), locked, then the PIN itself. */
export const memberPasswordVerifyBehaviour = defineBehaviour(memberPasswordVerify, (input, { state, project }) => {
  const member = state.memberByLoginId(input.loginId);
  if (!member || member.aspId !== project.aspId) return refuse('001_006');
  if (state.security.isBlocked(project.aspId, member.ci)) return refuse('001_080');
  if (member.status !== 'ACTIVE') return refuse('001_068');
  const check = checkPin(state, member, input.loginPassword);
  if (check === 'locked') return refuse('001_069');
  if (check === 'wrong') return refuse('001_045');
  return success({ userId: wireInteger(member.userId) });
});
