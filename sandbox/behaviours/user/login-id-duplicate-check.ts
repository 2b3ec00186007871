import { loginIdDuplicateCheck } from '../../../lib/catalog/operations/login-id-duplicate-check';
import type { Member } from '../../books/records';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/**
 * loginId: held by any member of the platform (sign-up would refuse it); mobileNumber: held by a
 * member of this ASP. A holder that is the member named by userId is no conflict.
 */
export const loginIdDuplicateCheckBehaviour = defineBehaviour(loginIdDuplicateCheck, (input, { state, project }) => {
  if (input.loginId === undefined && input.mobileNumber === undefined) return refuse('000_003', 'Missing required parameter: loginId');
  let self: bigint | undefined;
  if (input.userId !== undefined) {
    const member = state.activeMember(userIdOf(input.userId), project.aspId);
    if (!member) return refuse('001_006');
    self = member.userId;
  }
  const other = (member: Member | undefined) => member !== undefined && member.userId !== self;
  if (input.loginId !== undefined && other(state.memberByLoginId(input.loginId))) return refuse('001_001', 'Login ID already in use.');
  if (input.mobileNumber !== undefined) {
    const holders = state.members().filter((member) => member.aspId === project.aspId && member.status !== 'UNREGISTERED' && member.mobileNumber === input.mobileNumber);
    if (holders.some(other)) return refuse('001_001', 'Mobile number already in use.');
  }
  return success({});
});
