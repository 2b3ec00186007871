import { chargeResultInquiry } from '../../../lib/catalog/operations/charge-result-inquiry';
import { defineBehaviour, refuse, success } from '../behaviour';

/** The outcome of the project's charge or cancel with that sequenceId; pending charges settle first. */
export const chargeResultInquiryBehaviour = defineBehaviour(chargeResultInquiry, (input, { state, project, now }) => {
  state.payments.settleDue(now());
  const entry = state.payments.entry(input.sequenceId);
  if (!entry || entry.aspId !== project.aspId) return refuse('007_102');
  return success({ result: entry.result });
});
