import { memberAuthInfo } from '../../../lib/catalog/operations/member-auth-info';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/** Authenticated once the identity was verified: sign-up with a CI, or reactivation by CI and personal details. */
export const memberAuthInfoBehaviour = defineBehaviour(memberAuthInfo, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  return success({ isAuthed: state.security.verifiedAt(member.userId) !== undefined });
});
