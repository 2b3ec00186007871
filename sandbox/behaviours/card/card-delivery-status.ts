import { cardDeliveryStatus } from '../../../lib/catalog/operations/card-delivery-status';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/** Where the physical card of an application is, by the sandbox clock (sandbox/books/card-applications.ts DELIVERY_TIMELINE). */
export const cardDeliveryStatusBehaviour = defineBehaviour(cardDeliveryStatus, (input, { state, project }) => {
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  const application = state.cardApplications.get(input.cardApplyNo);
  const status = application && application.userId === member.userId ? state.cardApplications.deliveryStatus(application) : undefined;
  if (!status) return refuse('003_001', 'Invalid card info: no shipped card application of the member with that number.');
  return success({ status });
});
