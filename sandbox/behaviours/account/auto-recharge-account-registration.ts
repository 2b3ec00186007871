import { autoRechargeAccountRegistration } from '../../../lib/catalog/operations/auto-recharge-account-registration';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { settledMember } from './settled-member';

/** The verified normal account, registered again for auto-recharge; one auto account at a time. */
export const autoRechargeAccountRegistrationBehaviour = defineBehaviour(autoRechargeAccountRegistration, (input, { state, project, now }) => {
  const member = settledMember(state, userIdOf(input.userId), project.aspId, now());
  if (!member) return refuse('001_006');
  const { normal, auto } = member.accounts;
  if (!normal) return refuse('007_001');
  if (auto) return refuse('002_020');
  member.accounts.auto = { ...normal };
  return success({ bankAccForAutoRcg: { ...normal } });
});
