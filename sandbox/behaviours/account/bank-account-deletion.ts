import { bankAccountDeletion } from '../../../lib/catalog/operations/bank-account-deletion';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { settledMember } from './settled-member';

/**
 * Removes the member's accounts: the normal one and the auto-recharge one made from it, and with
 * them the cards' threshold auto-recharge rules. Not while an ARS registration is running.
 */
export const bankAccountDeletionBehaviour = defineBehaviour(bankAccountDeletion, (input, { state, project, now }) => {
  const at = now();
  const member = settledMember(state, userIdOf(input.userId), project.aspId, at);
  if (!member) return refuse('001_006');
  if (state.bankAccounts.inProgress(member.userId, at)) return refuse('002_013');
  if (!member.accounts.normal && !member.accounts.auto) return refuse('007_001');
  state.bankAccounts.deleteAccounts(member);
  return success({});
});
