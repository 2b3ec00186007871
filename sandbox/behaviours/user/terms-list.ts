import { termsList } from '../../../lib/catalog/operations/terms-list';
import { formatStamp17 } from '../../../lib/protocol/clock';
import { defineBehaviour, refuse, success, userIdOf, wireInteger } from '../behaviour';

/** The catalogue in display order; with a userId, each item carries that member's agreement (date in KST). */
export const termsListBehaviour = defineBehaviour(termsList, (input, { state, project }) => {
  let userId: bigint | undefined;
  if (input.userId !== undefined) {
    const member = state.activeMember(userIdOf(input.userId), project.aspId);
    if (!member) return refuse('001_006');
    userId = member.userId;
  }
  const english = input.locale?.toUpperCase() === 'EN';
  return success({
    termsList: state.terms.list(input.tcActionType).map((record) => {
      const agreement = userId === undefined ? undefined : state.terms.agreement(userId, record.tcId);
      return {
        tcId: wireInteger(record.tcId),
        ...(record.tcActionType && { tcActionType: record.tcActionType }),
        title: english ? record.titleEn : record.title,
        url: record.url,
        required: record.required,
        order: String(record.order),
        isAgree: agreement !== undefined,
        ...(agreement && { agreeDate: formatStamp17(agreement.agreedAt, 'KST') }),
        ...(record.viewPositionType && { viewPositionType: record.viewPositionType }),
      };
    }),
  });
});
