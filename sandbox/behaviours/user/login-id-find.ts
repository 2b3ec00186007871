import { loginIdFind } from '../../../lib/catalog/operations/login-id-find';
import { defineBehaviour, refuse, success } from '../behaviour';

export const loginIdFindBehaviour = defineBehaviour(loginIdFind, (input, { state, project }) => {
  const holder = state.memberByCi(input.ci);
  const member = holder && state.activeMember(holder.userId, project.aspId);
  if (!member) return refuse('001_006');
  return success({ loginId: member.loginId });
});
