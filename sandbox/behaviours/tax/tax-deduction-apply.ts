import { taxDeductionApply } from '../../../lib/catalog/operations/tax-deduction-apply';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { koreanDate, koreanDateTime } from '../../books/korean-time';
import { liveMemberCard } from '../card-rules';

/** Enrols a member's card for income tax deduction from today (Korean date) on; once per card. */
export const taxDeductionApplyBehaviour = defineBehaviour(taxDeductionApply, (input, { state, project, now }) => {
  const userId = userIdOf(input.userId);
  const found = liveMemberCard(state, project.aspId, userId, input.par);
  if ('refusal' in found) return refuse(found.refusal);
  const { card } = found;
  if (state.taxDeductions.isEnrolled(card.par)) return refuse('003_094');
  if (card.named === 'corporate') return refuse('003_095');
  const at = now();
  const record = state.taxDeductions.enrol({ par: card.par, userId, deductionDate: koreanDate(at), createdAt: at });
  return success({ par: record.par, deductionDate: Number(record.deductionDate), created: koreanDateTime(record.createdAt) });
});
