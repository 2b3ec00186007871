import { memberInfo } from '../../../lib/catalog/operations/member-info';
import { defineBehaviour, refuse, success, userIdOf, wireInteger } from '../behaviour';

export const memberInfoBehaviour = defineBehaviour(memberInfo, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  return success({
    userInfo: {
      aspId: member.aspId,
      userId: wireInteger(member.userId),
      birthDate: member.birthDate,
      ci: member.ci,
      loginId: member.loginId,
      nationality: member.nationality,
      gender: member.gender,
      mobileNumber: member.mobileNumber,
      userName: member.userName,
      email: member.email,
      ...(member.joinChannel && { joinChannel: member.joinChannel }),
      ...(member.addressInfo && { addressInfo: { ...member.addressInfo } }),
    },
  });
});
