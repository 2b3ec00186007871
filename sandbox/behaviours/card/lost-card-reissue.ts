import { lostCardReissue } from '../../../lib/catalog/operations/lost-card-reissue';
import { cardVerificationCode } from '../../books/card-applications';
import { cardProduct } from '../../books/card-products';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { memberCardByNumber } from '../card-rules';
import { copyAddress, handOver, withdrawFee } from './card-issue-support';

/**
 * Replaces a card reported lost (SUSPENDED): a new mobile card is issued at once and takes over
 * the old card's balance, limits and main-card role; the old card is terminated; a physical card
 * ships when asked for (or when the product is normal-type). The product's reissue fee, if any,
 * is withdrawn from the member's normal recharge account.
 */
export const lostCardReissueBehaviour = defineBehaviour(lostCardReissue, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userInfo.userId), project.aspId);
  if (!member) return refuse('001_006');
  const book = state.cardApplications;
  const old = memberCardByNumber(member, input.cardInfo.oldCardNo);
  if (!old) return refuse('003_001');
  if (old.status === 'TERMINATED') return book.replacementOf(old.par) ? refuse('003_018') : refuse('003_005', 'The card is terminated.');
  if (book.ofMember(member.userId).some((application) => application.issueType === 'REISSUE' && book.isPending(application))) {
    return refuse('003_020');
  }
  if (old.status !== 'SUSPENDED') return refuse('003_005');
  if (member.authenticated === false) return refuse('003_044');

  const oldProduct = cardProduct(old.serviceId);
  const target = cardProduct(input.serviceId ?? oldProduct?.nextServiceId ?? old.serviceId);
  if (!oldProduct?.reissuable || !target?.applicable || !target.reissuable) return refuse('003_048');
  const delivery = input.isDeliveryRequired === true;
  if (!delivery && target.cardType === 'NORMAL') return refuse('003_024');
  if (delivery && !input.addressInfo) return refuse('000_003', 'Missing required parameter: addressInfo');
  const fee = withdrawFee(member, target.reissueFee);
  if (fee === 'no_account') return refuse('007_001');
  if (fee === 'refused') return refuse('003_019');

  const card = state.newCard('issued', target.serviceId);
  const application = book.create(
    {
      userId: member.userId,
      issueType: 'REISSUE',
      serviceId: target.serviceId,
      ...(delivery && input.addressInfo && { delivery: copyAddress(input.addressInfo) }),
      mobileCardPar: card.par,
      oldCardPar: old.par,
      fee: target.reissueFee,
    },
    card.expiryDate,
  );
  card.cardApplyNo = application.cardApplyNo;
  member.cards.push(card);
  handOver(member, old, card);
  book.markReplaced(old.par, card.par);
  return success({
    cardApplyNo: application.cardApplyNo,
    mobileCardNo: card.cardNo,
    mobileCardCVC: cardVerificationCode(card.cardNo, card.expiryDate),
    mobileCardPar: card.par,
  });
});
