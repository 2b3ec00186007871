import { taxDeductionApply } from '../../../lib/catalog/operations/tax-deduction-apply';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { koreanDate, koreanDateTime, memberCard } from '../card/card-rules';

/** Enrols a member's card for income tax deduction from today (Korean date) on; once per card. */
export const taxDeductionApplyBehaviour = defineBehaviour(taxDeductionApply, (input, { state, project, now }) => {
  const userId = userIdOf(input.userId);
  const member = state.activeMember(userId, project.aspId);
  if (!member) return refuse('001_006');
  const card = memberCard(member, input.par);
  if (!card) return refuse('003_021');
  if (card.status === 'TERMINATED') return refuse('003_022');
  if (state.taxDeductions.isEnrolled(card.par)) return refuse('003_094');
  if (card.named === 'corporate') return refuse('003_095');
  const at = now();
  const record = state.taxDeductions.enrol({ par: card.par, userId, deductionDate: koreanDate(at), createdAt: at });
  return success({ par: record.par, deductionDate: Number(record.deductionDate), created: koreanDateTime(record.createdAt) });
});
