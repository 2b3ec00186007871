import { memberPasswordReset } from '../../../lib/catalog/operations/member-password-reset';
import { hashPin, pinMatches } from '../../books/member-security';
import { defineBehaviour, refuse, success } from '../behaviour';
import { checkPin } from './pin';

/**
 * Reset (no oldPassword): the CI proves the member, and the PIN lock is lifted. Change
 * (oldPassword): the current PIN proves the member and counts as an attempt.
 */
export const memberPasswordResetBehaviour = defineBehaviour(memberPasswordReset, (input, { state, project }) => {
  const holder = state.memberByLoginId(input.loginId);
  const member = holder && state.activeMember(holder.userId, project.aspId);
  if (!member) return refuse('001_006');
  if (input.oldPassword === undefined && input.ci === undefined) return refuse('000_003', 'Missing required parameter: ci');
  if (input.ci !== undefined && input.ci !== member.ci) return refuse('001_035');
  if (input.oldPassword !== undefined) {
    const check = checkPin(state, member, input.oldPassword);
    if (check === 'locked') return refuse('001_069');
    if (check === 'wrong') return refuse('001_045');
  }
  if (pinMatches(member.pinHash, input.newPassword)) return refuse('001_043');
  member.pinHash = hashPin(input.newPassword);
  state.security.clearFailures(member.userId);
  return success({});
});
