import { cardApplicationCancel } from '../../../lib/catalog/operations/card-application-cancel';
import type { DeliveryStatus } from '../../books/card-applications';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { memberCard } from '../card-rules';
import { discard } from './card-issue-support';

/** Once the courier has it (or it came back), a card cannot be called back. */
const SHIPPED: ReadonlySet<DeliveryStatus> = new Set(['SHIPPING', 'ARRIVAL', 'LOST', 'RETURN']);

/**
 * Cancels an issuance (or renewal) application on the day it was made: the delivery stops and
 * the mobile card issued with it is discarded. A reissue cannot be undone (its old card is gone).
 */
export const cardApplicationCancelBehaviour = defineBehaviour(cardApplicationCancel, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const book = state.cardApplications;
  const application = book.get(input.cardApplyNo);
  if (!application || application.userId !== member.userId) return refuse('003_013');
  if (application.canceledAt !== undefined) return refuse('003_003', 'Card application already canceled.');
  if (application.registeredAt !== undefined) return refuse('003_003', 'The physical card of this application is already registered.');
  if (application.issueType === 'REISSUE') return refuse('003_003', 'A reissue cannot be canceled.');
  if (!book.isSameDay(application)) return refuse('003_002');
  const mobile = memberCard(member, application.mobileCardPar);
  if (mobile && (mobile.balance > 0 || mobile.pendingAmount > 0)) return refuse('003_003', 'The mobile card has already been used.');
  const delivery = book.deliveryStatus(application);
  if (delivery && SHIPPED.has(delivery)) return refuse('003_003', `The card has already been shipped (${delivery}).`);

  book.cancel(application);
  if (mobile) discard(member, mobile);
  return success(mobile ? { mobileCardNo: mobile.cardNo, par: mobile.par } : {});
});
