import type { Behaviour } from '../behaviour';
import { cardApplicationCancelBehaviour } from './card-application-cancel';
import { cardDeliveryStatusBehaviour } from './card-delivery-status';
import { cardIssueApplicationBehaviour } from './card-issue-application';
import { expiringCardRenewalBehaviour } from './expiring-card-renewal';
import { linkableMobileCardApplicationsBehaviour } from './linkable-mobile-card-applications';
import { lostCardReissueBehaviour } from './lost-card-reissue';
import { physicalCardRegisterBehaviour } from './physical-card-register';
import { unregisteredCardInquiryBehaviour } from './unregistered-card-inquiry';
import { cardLimitUpdateBehaviour } from './card-limit-update';
import { cardListBehaviour } from './card-list';
import { cardProductInquiryBehaviour } from './card-product-inquiry';
import { cardStatusChangeBehaviour } from './card-status-change';
import { cardTerminateBehaviour } from './card-terminate';
import { cardUserMappingBehaviour } from './card-user-mapping';
import { cardVirtualAccountInquiryBehaviour } from './card-virtual-account-inquiry';
import { corporateBalanceLimitIncreaseBehaviour } from './corporate-balance-limit-increase';
import { corporateIdentificationStatusBehaviour } from './corporate-identification-status';
import { setMainCardBehaviour } from './set-main-card';

export const CARD_BEHAVIOURS: readonly Behaviour[] = [
  // Card issuance (29-35, 37).
  cardIssueApplicationBehaviour, cardApplicationCancelBehaviour, lostCardReissueBehaviour, expiringCardRenewalBehaviour,
  cardDeliveryStatusBehaviour, linkableMobileCardApplicationsBehaviour, physicalCardRegisterBehaviour, unregisteredCardInquiryBehaviour,
  // Card management (36, 38, 39, 41, 42, 45-49).
  cardListBehaviour, cardStatusChangeBehaviour, cardTerminateBehaviour, corporateBalanceLimitIncreaseBehaviour,
  corporateIdentificationStatusBehaviour, cardUserMappingBehaviour, cardProductInquiryBehaviour, setMainCardBehaviour,
  cardVirtualAccountInquiryBehaviour, cardLimitUpdateBehaviour,
];
