import { physicalCardRegister } from '../../../lib/catalog/operations/physical-card-register';
import type { CardApplication, PhysicalCard } from '../../books/card-applications';
import type { CardRecord } from '../../books/records';
import { defineBehaviour, refuse, success, userIdOf, type Outcome } from '../behaviour';
import { memberCard } from '../card-rules';
import { handOver, issueMobileCard } from './card-issue-support';

const printedMatches = (card: PhysicalCard, input: { physicalCardNo: string; physicalCardExpDate: string; physicalCardCVC: string }) =>
  card.cardNo === input.physicalCardNo && card.expiryDate.slice(0, 4) === input.physicalCardExpDate && card.cvc === input.physicalCardCVC;

/**
 * Links a physical card in the member's hands to a mobile card:
 * - an issuance or reissue (pre-issued mobile card): the plastic joins that mobile card;
 * - a renewal: a new mobile card is issued with the plastic's expiry, the old card's balance moves
 *   to it and the old card is terminated;
 * - a card bought unregistered (no application): a new mobile card is issued carrying the money
 *   loaded on the plastic.
 * With a cardApplyNo the application must be the member's (003_013) and its card delivered
 * (003_012); without one the plastic is found by its number.
 */
export const physicalCardRegisterBehaviour = defineBehaviour(physicalCardRegister, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const book = state.cardApplications;

  let application: CardApplication | undefined;
  let physical: PhysicalCard | undefined;
  if (input.cardApplyNo !== undefined) {
    application = book.get(input.cardApplyNo);
    if (!application || application.userId !== member.userId) return refuse('003_013');
    if (!book.isPending(application) || !book.isDelivered(application)) return refuse('003_012');
    physical = book.physicalCardOf(application);
    if (!physical || !printedMatches(physical, input)) return refuse('003_001');
  } else {
    physical = book.physicalCard(input.physicalCardNo);
    if (!physical || !printedMatches(physical, input) || physical.registeredPar !== undefined) return refuse('003_001');
    if (physical.cardApplyNo !== undefined) {
      application = book.get(physical.cardApplyNo);
      if (!application || application.userId !== member.userId) return refuse('003_001');
      if (!book.isPending(application) || !book.isDelivered(application)) return refuse('003_012');
    }
  }

  const answer = (card: CardRecord): Outcome<{ mobileCardNo: string; par: string; serviceId: string }> => {
    book.register(physical, card.par);
    return success({ mobileCardNo: card.cardNo, par: card.par, serviceId: card.serviceId });
  };

  if (!application) {
    const card = issueMobileCard(state, member, physical.serviceId, { expiryDate: physical.expiryDate, physicalCardNo: physical.cardNo });
    card.balance = physical.balance;
    return answer(card);
  }
  if (application.mobileCardPar !== undefined) {
    const mobile = memberCard(member, application.mobileCardPar);
    if (!mobile || mobile.status === 'TERMINATED') return refuse('003_014');
    mobile.physicalCardNo = physical.cardNo;
    return answer(mobile);
  }
  const old = memberCard(member, application.oldCardPar);
  if (!old || old.status === 'TERMINATED') return refuse('003_014');
  const renewed = issueMobileCard(state, member, application.serviceId, {
    expiryDate: physical.expiryDate,
    physicalCardNo: physical.cardNo,
    cardApplyNo: application.cardApplyNo,
  });
  handOver(member, old, renewed);
  book.markReplaced(old.par, renewed.par);
  return answer(renewed);
});
