import { expiringCardRenewal } from '../../../lib/catalog/operations/expiring-card-renewal';
import { expiryDate } from '../../books/card-numbers';
import { cardProduct } from '../../books/card-products';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { memberCardByNumber } from '../card-rules';
import { copyAddress, withdrawFee } from './card-issue-support';

/** A card may be renewed from this long before the end of its expiry day (Korean time). */
export const RENEWAL_WINDOW_MS = 30 * 24 * 3_600_000;

/** The instant a YYMMDD expiry ends: 24:00 of that day in Korea (UTC+9). */
export function expiryEnd(yymmdd: string): number {
  const n = (from: number) => Number(yymmdd.slice(from, from + 2));
  return Date.UTC(2000 + n(0), n(2) - 1, n(4) + 1) - 9 * 3_600_000;
}

/**
 * Renews a card that expires within 30 days: a new physical card (new expiry) ships to the
 * address. Nothing changes on the old card yet; registering the delivered card with the returned
 * cardApplyNo issues the new mobile card, moves the balance and terminates the old card.
 */
export const expiringCardRenewalBehaviour = defineBehaviour(expiringCardRenewal, (input, { state, project, now }) => {
  const member = state.activeMember(userIdOf(input.userInfo.userId), project.aspId);
  if (!member) return refuse('001_006');
  const book = state.cardApplications;
  const old = memberCardByNumber(member, input.cardInfo.oldCardNo);
  if (!old) return refuse('003_008');
  if (old.status === 'TERMINATED') return book.replacementOf(old.par) ? refuse('003_004') : refuse('003_005');
  const renewing = book.ofMember(member.userId).some((application) => application.oldCardPar === old.par && application.canceledAt === undefined);
  if (renewing) return refuse('003_004');
  const product = cardProduct(old.serviceId);
  if (!product?.reissuable) return refuse('003_009');
  if (expiryEnd(old.expiryDate) - now() > RENEWAL_WINDOW_MS) return refuse('003_006');
  if (member.userName.trim() === '') return refuse('003_007');
  const target = cardProduct(product.nextServiceId ?? product.serviceId) ?? product;
  if (withdrawFee(member, target.reissueFee) !== 'paid') return refuse('003_010');

  const application = book.create(
    {
      userId: member.userId,
      issueType: 'RENEWAL',
      serviceId: target.serviceId,
      delivery: copyAddress(input.addressInfo),
      oldCardPar: old.par,
      fee: target.reissueFee,
    },
    expiryDate(now()),
  );
  return success({ cardApplyNo: application.cardApplyNo });
});
