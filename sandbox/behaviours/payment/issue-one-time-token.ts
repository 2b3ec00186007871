import { issueOneTimeToken } from '../../../lib/catalog/operations/issue-one-time-token';
import { defineBehaviour, refuse, success } from '../behaviour';

/**
 * A token for one card of the project: 30 s (ATM / CREDIT: 5 min) of sandbox clock, single use,
 * bound to the card and its owner. The card must be ACTIVE and its owner an active member.
 */
export const issueOneTimeTokenBehaviour = defineBehaviour(issueOneTimeToken, (input, { state, project, now }) => {
  const holding = state.findCard({ cardNo: input.cardNo });
  // Another project's card is as unknown as a missing one.
  if (!holding || holding.member.aspId !== project.aspId) return refuse('003_001');
  const { member, card } = holding;
  if (member.status !== 'ACTIVE') return refuse('001_006');
  if (card.status !== 'ACTIVE') return refuse('003_005', `Card status does not allow transactions (${card.status}).`);
  const token = state.payments.issueToken(card, member, input.type, now());
  return success({ oneTimeToken: token.oneTimeToken, dcvv: token.dcvv, expiryTime: token.expiresAt });
});
