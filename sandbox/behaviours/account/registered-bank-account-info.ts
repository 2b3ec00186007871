import { registeredBankAccountInfo } from '../../../lib/catalog/operations/registered-bank-account-info';
import { defineBehaviour, refuse, success, userIdOf, wireInteger } from '../behaviour';
import { settledMember } from './settled-member';

/** The member's registered (normal, withdrawal) account with its id and holder name. */
export const registeredBankAccountInfoBehaviour = defineBehaviour(registeredBankAccountInfo, (input, { state, project, now }) => {
  const member = settledMember(state, userIdOf(input.userId), project.aspId, now());
  if (!member) return refuse('001_006');
  const account = member.accounts.normal;
  if (!account) return refuse('007_001');
  const { accountId, holderName } = state.bankAccounts.detailsOf(member, account);
  return success({
    userId: wireInteger(member.userId),
    accountInfo: { accountId, userName: holderName, bankCode: account.bankCode, bankName: account.bankName, bankAccount: account.bankAccount },
  });
});
