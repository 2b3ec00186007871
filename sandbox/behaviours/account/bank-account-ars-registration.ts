import { bankAccountArsRegistration } from '../../../lib/catalog/operations/bank-account-ars-registration';
import { sameHolderName } from '../../books/bank-accounts';
import { bankByCode } from '../../books/banks';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { settledMember } from './settled-member';

/**
 * Starts the ARS call and the bank registration; both finish later on the sandbox clock (poll
 * /ars/register/inquiry). The member answers the call with the number /ars/auth gave: without one
 * (never asked, expired or used), or with an account ending in 0014, the ARS authentication fails.
 */
export const bankAccountArsRegistrationBehaviour = defineBehaviour(bankAccountArsRegistration, (input, { state, project, now }) => {
  const at = now();
  const member = settledMember(state, userIdOf(input.userId), project.aspId, at);
  if (!member) return refuse('001_006');
  const bank = bankByCode(input.bankCode);
  if (!bank) return refuse('000_002', 'Invalid input parameter: bankCode');
  const book = state.bankAccounts;
  if (book.inProgress(member.userId, at)) return refuse('002_013');
  if (!sameHolderName(input.userName, member.userName)) return refuse('007_043', 'Member name differs from the account holder name.');
  if (input.birthDate !== member.birthDate) return refuse('001_035', 'Invalid user info: birth date differs from the member.');
  if (!book.isVerified(member.userId, input, at)) {
    return refuse('002_012', 'Bank account not verified: call /api/v1/bankaccounts/user/valid for this account first.');
  }
  const authNumber = book.takeAuthNumber(member.userId, at);
  const registration = book.startRegistration(
    {
      aspId: project.aspId,
      userId: member.userId,
      account: { bankAccount: input.bankAccount, bankCode: bank.bankCode, bankName: bank.bankName },
      holderName: input.userName,
      hasAuthNumber: authNumber !== undefined,
    },
    at,
  );
  return success({ bankAccRegNo: registration.regNo });
});
