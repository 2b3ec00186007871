import { corporateIdentificationStatus } from '../../../lib/catalog/operations/corporate-identification-status';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { koreanDateTime } from '../../books/korean-time';
import { memberCard } from '../card-rules';

/** The latest corporate identification attempt on the card, or NONE. */
export const corporateIdentificationStatusBehaviour = defineBehaviour(corporateIdentificationStatus, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const card = memberCard(member, input.par);
  if (!card) return refuse('003_021');
  const record = state.corporateIdentifications.get(card.par);
  if (!record) return success({ par: card.par, status: 'NONE' as const });
  return success({
    par: card.par,
    status: record.status,
    corporationName: record.corporationName,
    bizLicenseNo: record.bizLicenseNo,
    requestDateTime: koreanDateTime(record.requestedAt),
    ...(record.identifiedAt !== undefined && { identifiedDateTime: koreanDateTime(record.identifiedAt) }),
  });
});
