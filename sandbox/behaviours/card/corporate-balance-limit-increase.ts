import { corporateBalanceLimitIncrease } from '../../../lib/catalog/operations/corporate-balance-limit-increase';
import { isValidBizLicenseNo, isValidCorporateRegistrationNumber } from '../../books/corporate-identifications';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { BALANCE_CAP, liveMemberCard } from '../card-rules';

/**
 * Registers the card under a corporation's real name once both numbers verify (check digits),
 * raising its balance cap to the named maximum. Every attempt is recorded for the status inquiry.
 */
export const corporateBalanceLimitIncreaseBehaviour = defineBehaviour(corporateBalanceLimitIncrease, (input, { state, project, now }) => {
  const userId = userIdOf(input.userId);
  const found = liveMemberCard(state, project.aspId, userId, input.par);
  if ('refusal' in found) return refuse(found.refusal);
  const { card } = found;
  if (card.named !== undefined) return refuse('003_093');
  const failed = !isValidBizLicenseNo(input.bizLicenseNo) ? 'bizLicenseNo'
    : !isValidCorporateRegistrationNumber(input.registrationNumber) ? 'registrationNumber'
      : undefined;
  const at = now();
  state.corporateIdentifications.record({
    par: card.par,
    userId,
    corporationName: input.corporationName,
    bizLicenseNo: input.bizLicenseNo,
    registrationNumber: input.registrationNumber,
    requestedAt: at,
    ...(failed ? { status: 'FAILED' as const, failureReason: `${failed} does not verify` } : { status: 'COMPLETED' as const, identifiedAt: at }),
  });
  if (failed) return refuse('003_092', `Corporate information could not be verified: ${failed}`);
  card.named = 'corporate';
  return success({ par: card.par, isNamed: true, maxRealNameRechargeAmount: BALANCE_CAP.named });
});
