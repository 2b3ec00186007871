/**
 * The card products (serviceId) the sandbox knows: one table, read by every card operation
 * (issuance, reissue, renewal, product inquiry). Ids follow the public sandbox's test product
 * 000170000002000 (protocol.md §6.3); names and rules are made up but shaped like the platform's.
 * Card operations that need more product facts add optional fields here.
 */
import { BASIC_CARD_SERVICE_ID } from './card-numbers';

/**
 * NORMAL (일반형): always a physical card; the member may not take the mobile card alone (003_024).
 * MOBILE (모바일형): the physical card is optional; the mobile card is issued either way.
 */
export type CardProductType = 'NORMAL' | 'MOBILE';

export interface CardProduct {
  serviceId: string;
  serviceName: string;
  cardType: CardProductType;
  /** Members may apply for it (issuance); the basic card comes with sign-up only. */
  applicable: boolean;
  /** A lost or expiring card of this product may be reissued (otherwise 003_009 / 003_048). */
  reissuable: boolean;
  /** KRW withdrawn from the member's normal bank account on a reissue or renewal; 0 = free. */
  reissueFee: number;
  /** Product a reissue or renewal moves to, when this one is no longer issued. */
  nextServiceId?: string;
}

export const NORMAL_CARD_SERVICE_ID = '000170000002001';
export const MOBILE_CARD_SERVICE_ID = '000170000002002';
export const PREMIUM_CARD_SERVICE_ID = '000170000002003';
export const LEGACY_CARD_SERVICE_ID = '000170000002004';
export const GIFT_CARD_SERVICE_ID = '000170000002005';

export const CARD_PRODUCTS: readonly CardProduct[] = [
  // Comes with sign-up, mobile only: never applied for, reissued or renewed through the card APIs.
  { serviceId: BASIC_CARD_SERVICE_ID, serviceName: '코나 기본 모바일카드', cardType: 'MOBILE', applicable: false, reissuable: false, reissueFee: 0 },
  { serviceId: NORMAL_CARD_SERVICE_ID, serviceName: '코나 선불카드 일반형', cardType: 'NORMAL', applicable: true, reissuable: true, reissueFee: 0 },
  { serviceId: MOBILE_CARD_SERVICE_ID, serviceName: '코나 선불카드 모바일형', cardType: 'MOBILE', applicable: true, reissuable: true, reissueFee: 0 },
  { serviceId: PREMIUM_CARD_SERVICE_ID, serviceName: '코나 선불카드 프리미엄', cardType: 'NORMAL', applicable: true, reissuable: true, reissueFee: 5_000 },
  // No longer issued: renewals and reissues move to the normal-type product.
  { serviceId: LEGACY_CARD_SERVICE_ID, serviceName: '코나 선불카드 (구)', cardType: 'NORMAL', applicable: false, reissuable: true, reissueFee: 0, nextServiceId: NORMAL_CARD_SERVICE_ID },
  // A gift card is thrown away when lost or expired: never reissued.
  { serviceId: GIFT_CARD_SERVICE_ID, serviceName: '코나 기프트카드', cardType: 'NORMAL', applicable: true, reissuable: false, reissueFee: 0 },
];

const BY_ID = new Map(CARD_PRODUCTS.map((product) => [product.serviceId, product]));

export function cardProduct(serviceId: string): CardProduct | undefined {
  return BY_ID.get(serviceId);
}
