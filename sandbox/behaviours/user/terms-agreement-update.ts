import { termsAgreementUpdate } from '../../../lib/catalog/operations/terms-agreement-update';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/** All or nothing: every id must be in the catalogue and no mandatory terms may be withdrawn. */
export const termsAgreementUpdateBehaviour = defineBehaviour(termsAgreementUpdate, (input, { state, project, now }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const items = input.tcList.map((item) => ({ tcId: userIdOf(item.tcId), isAgree: item.isAgree }));
  const [unknown] = state.terms.unknown(items.map((item) => item.tcId));
  if (unknown !== undefined) return refuse('001_079', `Terms management failed: terms ID ${unknown} not valid.`);
  const mandatory = items.find((item) => !item.isAgree && state.terms.find(item.tcId)?.required === 'MANDATORY');
  if (mandatory) return refuse('001_081', `Mandatory terms ${mandatory.tcId} cannot be withdrawn.`);
  const at = now();
  for (const item of items) {
    if (item.isAgree) state.terms.agree(member.userId, [item.tcId], at);
    else state.terms.withdraw(member.userId, [item.tcId]);
  }
  return success({});
});
