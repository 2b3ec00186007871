import { unregisteredCardInquiry } from '../../../lib/catalog/operations/unregistered-card-inquiry';
import { defineBehaviour, refuse, success } from '../behaviour';
import { productName } from './card-issue-support';

/**
 * A physical card nobody has registered yet, read off the plastic: a card sold unregistered, or
 * an application's card that has arrived. Anything else (unknown, wrong expiry or CVC, registered,
 * still on its way) is 003_001.
 */
export const unregisteredCardInquiryBehaviour = defineBehaviour(unregisteredCardInquiry, (input, { state }) => {
  const book = state.cardApplications;
  const card = book.physicalCard(input.cardNo);
  if (!card || card.expiryDate.slice(0, 4) !== input.expiryDate || card.cvc !== input.cardCVC || !book.isUnregisteredInHand(card)) {
    return refuse('003_001');
  }
  return success({
    cardNo: card.cardNo,
    serviceId: card.serviceId,
    serviceName: productName(card.serviceId),
    balance: card.balance,
    ...(card.cardApplyNo !== undefined && { cardApplyNo: card.cardApplyNo }),
  });
});
