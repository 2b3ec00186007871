import { arsAuthNumberGeneration } from '../../../lib/catalog/operations/ars-auth-number-generation';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { settledMember } from './settled-member';

/** A fresh two-digit number for the next ARS call (replaces an unused one); usable for 5 minutes. */
export const arsAuthNumberGenerationBehaviour = defineBehaviour(arsAuthNumberGeneration, (input, { state, project, now }) => {
  const at = now();
  const member = settledMember(state, userIdOf(input.userId), project.aspId, at);
  if (!member) return refuse('001_006');
  if (state.bankAccounts.inProgress(member.userId, at)) return refuse('002_013');
  return success({ authNumber: state.bankAccounts.issueAuthNumber(member.userId, at).authNumber });
});
