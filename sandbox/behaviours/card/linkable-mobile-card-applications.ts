import { linkableMobileCardApplications } from '../../../lib/catalog/operations/linkable-mobile-card-applications';
import { cardVerificationCode } from '../../books/card-applications';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { memberCard } from '../card-rules';
import { productName } from './card-issue-support';

/**
 * The member's pre-issued mobile cards still waiting for their physical card: DIGITAL_ISSUED while
 * the plastic is on its way, PHYSICAL_ISSUED once it has arrived (ready for registration).
 */
export const linkableMobileCardApplicationsBehaviour = defineBehaviour(linkableMobileCardApplications, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const book = state.cardApplications;
  const issuedCardList = book.ofMember(member.userId).flatMap((application) => {
    const mobile = memberCard(member, application.mobileCardPar);
    if (!book.isPending(application) || !mobile || mobile.status === 'TERMINATED') return [];
    return [{
      cardApplyNo: application.cardApplyNo,
      issueType: application.issueType === 'ISSUE' ? ('ISSUE' as const) : ('REISSUE' as const),
      digital: {
        cardNo: mobile.cardNo,
        par: mobile.par,
        serviceId: mobile.serviceId,
        serviceName: productName(mobile.serviceId),
        mobileCardCVC: cardVerificationCode(mobile.cardNo, mobile.expiryDate),
      },
      status: book.isDelivered(application) ? 'PHYSICAL_ISSUED' : 'DIGITAL_ISSUED',
    }];
  });
  return success({ issuedCardList });
});
