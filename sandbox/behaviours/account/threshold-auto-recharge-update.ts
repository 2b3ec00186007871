import { thresholdAutoRechargeUpdate } from '../../../lib/catalog/operations/threshold-auto-recharge-update';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { balanceCap } from '../card-rules';
import { settledMember } from './settled-member';

/**
 * Sets (or creates) a card's balance-threshold auto top-up, withdrawn from the member's auto-recharge
 * account. When the active card's balance already is at or below the new threshold, one top-up of
 * `amount` runs at once; if it would pass the card's balance cap the whole update is refused (007_003).
 */
export const thresholdAutoRechargeUpdateBehaviour = defineBehaviour(thresholdAutoRechargeUpdate, (input, { state, project, now }) => {
  const at = now();
  const member = settledMember(state, userIdOf(input.userId), project.aspId, at);
  if (!member) return refuse('001_006');
  const card = member.cards.find((candidate) => candidate.par === input.par);
  if (!card) return refuse('003_021');
  if (card.status === 'TERMINATED') return refuse('003_022');
  if (!member.accounts.auto) return refuse('007_001', 'No auto-recharge bank account registered.');
  if (card.status === 'ACTIVE' && card.balance <= input.thresholdBalance) {
    if (card.balance + input.amount > balanceCap(card)) return refuse('007_003');
    card.balance += input.amount;
  }
  state.bankAccounts.setThresholdAutoRecharge({
    par: card.par,
    userId: member.userId,
    amount: input.amount,
    thresholdBalance: input.thresholdBalance,
    updatedAt: at,
  });
  return success({});
});
