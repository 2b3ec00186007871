import { memberLookupByCi } from '../../../lib/catalog/operations/member-lookup-by-ci';
import { defineBehaviour, refuse, success } from '../behaviour';

/** userId answered as a decimal string, as this API documents it. */
export const memberLookupByCiBehaviour = defineBehaviour(memberLookupByCi, (input, { state, project }) => {
  const holder = state.memberByCi(input.ci);
  const member = holder && state.activeMember(holder.userId, project.aspId);
  if (!member) return refuse('001_006');
  return success({ userId: member.userId.toString() });
});
