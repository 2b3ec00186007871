import { cardList } from '../../../lib/catalog/operations/card-list';
import type { CardRecord } from '../../books/records';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { BALANCE_CAP, balanceCap, MIN_RECHARGE_AMOUNT, serviceNameOf } from '../card-rules';

/** One card as the list answers it: balance and limits from the card record, product name from the product table. */
function cardData(card: CardRecord) {
  const active = card.status === 'ACTIVE';
  const serviceName = serviceNameOf(card.serviceId);
  return {
    par: card.par,
    limits: { ...card.limits },
    balance: card.balance,
    pendingAmount: card.pendingAmount,
    isNamed: card.named !== undefined,
    serviceId: card.serviceId,
    ...(serviceName !== undefined && { serviceName }),
    expiryDate: card.expiryDate,
    ...(card.cardApplyNo !== undefined && { cardApplyNo: card.cardApplyNo }),
    mobileCardNo: card.cardNo,
    mobileCardStatus: card.status,
    ...(card.physicalCardNo !== undefined && { physicalCardNo: card.physicalCardNo, physicalCardStatus: card.status }),
    rechargeable: active,
    remittable: active && card.named !== undefined,
    refundable: active && card.balance > 0,
    rechargeableAmount: Math.max(0, balanceCap(card) - card.balance - card.pendingAmount),
    minRechargeAmount: MIN_RECHARGE_AMOUNT,
    maxRealNameRechargeAmount: BALANCE_CAP.named,
    maxNonRealNameRechargeAmount: BALANCE_CAP.anonymous,
    isMain: card.isMain,
  };
}

/** The cards the member holds (terminated ones are gone), optionally narrowed by PAR or physical card number. */
export const cardListBehaviour = defineBehaviour(cardList, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const cards = member.cards.filter((card) =>
    card.status !== 'TERMINATED' &&
    (input.par === undefined || card.par === input.par) &&
    (input.physicalCardNo === undefined || card.physicalCardNo === input.physicalCardNo));
  return success({ cardDataInfo: cards.map(cardData) });
});
