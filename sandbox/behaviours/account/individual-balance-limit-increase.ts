import { individualBalanceLimitIncrease } from '../../../lib/catalog/operations/individual-balance-limit-increase';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { balanceCap } from '../card-rules';
import { settledMember } from './settled-member';

/**
 * Registers a card under the member's real name (기명), lifting its balance cap from 500,000 to
 * 2,000,000 KRW. The member's identity is the sign-up CI plus the bank account they verified and
 * registered, so a member without a normal account is refused. Default card: the main one.
 */
export const individualBalanceLimitIncreaseBehaviour = defineBehaviour(individualBalanceLimitIncrease, (input, { state, project, now }) => {
  const member = settledMember(state, userIdOf(input.userId), project.aspId, now());
  if (!member) return refuse('001_006');
  if (!member.accounts.normal) return refuse('007_001', 'No registered bank account: register one before the real-name registration.');
  const card = input.par === undefined
    ? member.cards.find((candidate) => candidate.isMain && candidate.status !== 'TERMINATED')
    : member.cards.find((candidate) => candidate.par === input.par);
  if (!card) return refuse('003_021');
  if (card.status === 'TERMINATED') return refuse('003_022');
  if (card.named !== undefined) return refuse('003_093');
  card.named = 'individual';
  return success({ par: card.par, isNamed: true, maxRealNameRechargeAmount: balanceCap(card) });
});
