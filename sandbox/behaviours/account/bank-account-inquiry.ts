import { bankAccountInquiry } from '../../../lib/catalog/operations/bank-account-inquiry';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { settledMember } from './settled-member';

export const bankAccountInquiryBehaviour = defineBehaviour(bankAccountInquiry, (input, { state, project, now }) => {
  const member = settledMember(state, userIdOf(input.userId), project.aspId, now());
  if (!member) return refuse('001_006');
  const { normal, auto } = member.accounts;
  return success({
    ...(normal && { bankAccForNormalRcg: { ...normal } }),
    ...(auto && { bankAccForAutoRcg: { ...auto } }),
    // Auto-recharge needs a verified normal account first, and there is only one auto slot.
    isAutoRcgAccRegAllowed: normal !== undefined && auto === undefined,
  });
});
