import type { Operation } from '../types';
import { cardApplicationCancel } from '../operations/card-application-cancel';
import { cardDeliveryStatus } from '../operations/card-delivery-status';
import { cardIssueApplication } from '../operations/card-issue-application';
import { expiringCardRenewal } from '../operations/expiring-card-renewal';
import { linkableMobileCardApplications } from '../operations/linkable-mobile-card-applications';
import { lostCardReissue } from '../operations/lost-card-reissue';
import { physicalCardRegister } from '../operations/physical-card-register';
import { unregisteredCardInquiry } from '../operations/unregistered-card-inquiry';
import { cardLimitUpdate } from '../operations/card-limit-update';
import { cardList } from '../operations/card-list';
import { cardProductInquiry } from '../operations/card-product-inquiry';
import { cardStatusChange } from '../operations/card-status-change';
import { cardTerminate } from '../operations/card-terminate';
import { cardUserMapping } from '../operations/card-user-mapping';
import { cardVirtualAccountInquiry } from '../operations/card-virtual-account-inquiry';
import { corporateBalanceLimitIncrease } from '../operations/corporate-balance-limit-increase';
import { corporateIdentificationStatus } from '../operations/corporate-identification-status';
import { setMainCard } from '../operations/set-main-card';

// Card management (카드 관리): 36, 38, 39, 41, 42, 45-49.
export {
  cardList, cardStatusChange, cardTerminate, corporateBalanceLimitIncrease, corporateIdentificationStatus,
  cardUserMapping, cardProductInquiry, setMainCard, cardVirtualAccountInquiry, cardLimitUpdate,
};

// Card issuance (카드 발급): 29-35, 37.
export {
  cardIssueApplication, cardApplicationCancel, lostCardReissue, expiringCardRenewal, cardDeliveryStatus,
  linkableMobileCardApplications, physicalCardRegister, unregisteredCardInquiry,
};

/** Card operations. Add an operation: import it, export it, list it. */
export const CARD_OPERATIONS: readonly Operation[] = [
  cardIssueApplication, cardApplicationCancel, lostCardReissue, expiringCardRenewal, cardDeliveryStatus,
  linkableMobileCardApplications, physicalCardRegister, unregisteredCardInquiry,
  cardList, cardStatusChange, cardTerminate, corporateBalanceLimitIncrease, corporateIdentificationStatus,
  cardUserMapping, cardProductInquiry, setMainCard, cardVirtualAccountInquiry, cardLimitUpdate,
];
