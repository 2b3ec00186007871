import { cardIssueApplication } from '../../../lib/catalog/operations/card-issue-application';
import { cardVerificationCode } from '../../books/card-applications';
import { cardProduct } from '../../books/card-products';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { copyAddress } from './card-issue-support';

/**
 * A member applies for a card product: the mobile card is issued at once (pre-issue), and the
 * physical card, when asked for, is produced and shipped (its delivery follows the sandbox clock).
 */
export const cardIssueApplicationBehaviour = defineBehaviour(cardIssueApplication, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userInfo.userId), project.aspId);
  if (!member) return refuse('001_006');
  const product = cardProduct(input.serviceId);
  if (!product?.applicable) return refuse('000_002', 'Invalid input parameter: serviceId');
  const delivery = input.isDeliveryRequired === true;
  if (!delivery && product.cardType === 'NORMAL') return refuse('003_024');
  if (delivery && !input.addressInfo) return refuse('000_003', 'Missing required parameter: addressInfo');

  const card = state.newCard('issued', product.serviceId);
  const application = state.cardApplications.create(
    {
      userId: member.userId,
      issueType: 'ISSUE',
      serviceId: product.serviceId,
      ...(delivery && input.addressInfo && { delivery: copyAddress(input.addressInfo) }),
      mobileCardPar: card.par,
      fee: 0,
    },
    card.expiryDate,
  );
  card.cardApplyNo = application.cardApplyNo;
  member.cards.push(card);
  return success({
    cardApplyNo: application.cardApplyNo,
    mobileCardNo: card.cardNo,
    mobileCardCVC: cardVerificationCode(card.cardNo, card.expiryDate),
    mobileCardPar: card.par,
  });
});
