import { bankAccountHolderVerification } from '../../../lib/catalog/operations/bank-account-holder-verification';
import { bankByCode } from '../../books/banks';
import { holderMismatchAt, sameHolderName } from '../../books/bank-accounts';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { settledMember } from './settled-member';

/**
 * Real-name check of the holder (step 1 of registration): the holder named must be the member, and
 * the bank must agree (an account ending in 0011 belongs to someone else). A pass is remembered for
 * the registration (/ars/register) of that same account.
 */
export const bankAccountHolderVerificationBehaviour = defineBehaviour(bankAccountHolderVerification, (input, { state, project, now }) => {
  const at = now();
  const member = settledMember(state, userIdOf(input.userId), project.aspId, at);
  if (!member) return refuse('001_006');
  if (!bankByCode(input.bankCode)) return refuse('000_002', 'Invalid input parameter: bankCode');
  if (!sameHolderName(input.userName, member.userName)) return refuse('007_043', 'Member name differs from the account holder name.');
  if (input.birthDate !== member.birthDate) return refuse('001_035', 'Invalid user info: birth date differs from the member.');
  if (holderMismatchAt(input.bankAccount)) return refuse('007_043', 'The bank reports another holder for this account.');
  state.bankAccounts.recordVerification(member.userId, input, at);
  return success({});
});
