import { dormantMemberActivate } from '../../../lib/catalog/operations/dormant-member-activate';
import { defineBehaviour, refuse, success } from '../behaviour';

/** The CI finds the member; name, birth date and gender must match it; the member's identity counts as verified. */
export const dormantMemberActivateBehaviour = defineBehaviour(dormantMemberActivate, (input, { state, project, now }) => {
  if (state.security.isBlocked(project.aspId, input.ci)) return refuse('001_080');
  const member = state.memberByCi(input.ci);
  if (!member || member.aspId !== project.aspId) return refuse('001_006');
  const matches = member.userName === input.userName && member.birthDate === input.birthDate && member.gender === input.gender;
  if (member.status !== 'DORMANT' || !matches) return refuse('001_087');
  member.status = 'ACTIVE';
  state.security.markVerified(member.userId, now());
  return success({});
});
