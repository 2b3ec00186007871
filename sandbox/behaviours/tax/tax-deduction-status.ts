import { taxDeductionStatus } from '../../../lib/catalog/operations/tax-deduction-status';
import { defineBehaviour, refuse, success } from '../behaviour';
import { koreanDateTime } from '../../books/korean-time';

/** Whether, and since when, a card is enrolled; a card never enrolled answers its PAR alone. */
export const taxDeductionStatusBehaviour = defineBehaviour(taxDeductionStatus, (input, { state, project }) => {
  const holding = state.findCard({ par: input.par });
  if (!holding || holding.member.aspId !== project.aspId || holding.member.status === 'UNREGISTERED') return refuse('003_021');
  const record = state.taxDeductions.get(holding.card.par);
  if (!record) return success({ par: holding.card.par });
  return success({ par: record.par, deductionDate: Number(record.deductionDate), created: koreanDateTime(record.createdAt) });
});
