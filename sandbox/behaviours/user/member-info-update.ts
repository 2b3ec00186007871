import { memberInfoUpdate } from '../../../lib/catalog/operations/member-info-update';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { checkPin } from './pin';

export const memberInfoUpdateBehaviour = defineBehaviour(memberInfoUpdate, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const { loginId, email, mobileNumber, addressInfo } = input;
  if (loginId === undefined && email === undefined && mobileNumber === undefined && addressInfo === undefined) {
    return refuse('000_003', 'Missing required parameter: loginId, email, mobileNumber or addressInfo');
  }
  const check = checkPin(state, member, input.loginPassword);
  if (check === 'locked') return refuse('001_069');
  if (check === 'wrong') return refuse('001_045');
  if (loginId !== undefined && !state.changeLoginId(member, loginId)) return refuse('001_001', 'Login ID already in use.');
  if (email !== undefined) member.email = email;
  if (mobileNumber !== undefined) member.mobileNumber = mobileNumber;
  if (addressInfo !== undefined) member.addressInfo = { ...addressInfo };
  return success({});
});
