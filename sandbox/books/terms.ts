/**
 * Terms and conditions (약관): the catalogue the ASP shows its members and each member's
 * agreements with their dates. The catalogue is put in by the seed (sandbox/books/fixtures.ts,
 * TERMS_CATALOGUE) at start and on every reset; agreements are recorded by sign-up (tcIdList)
 * and by the agreement/withdrawal API.
 */

export type TermsActionType = 'PY' | 'UNDER_14' | 'COUPON_SHOP' | 'EZWEL' | 'OPEN_BANK' | 'OPEN_BANK_SPECIFIC' | 'MKT_NOTI' | 'DEDUCT';

export interface TermsRecord {
  tcId: bigint;
  /** Korean title (the default locale). */
  title: string;
  /** Title for locale EN. */
  titleEn: string;
  url: string;
  required: 'MANDATORY' | 'OPTIONAL';
  /** Display order, 1 first. */
  order: number;
  tcActionType?: TermsActionType;
  viewPositionType?: string;
}

export interface TermsAgreement {
  tcId: bigint;
  /** Sandbox-clock epoch ms of the agreement. */
  agreedAt: number;
}

export class TermsBook {
  private readonly catalogue = new Map<string, TermsRecord>();
  /** userId → tcId → agreement. */
  private readonly agreements = new Map<string, Map<string, TermsAgreement>>();

  reset(): void {
    this.catalogue.clear();
    this.agreements.clear();
  }

  /** Adds (or replaces) terms in the catalogue. */
  define(terms: readonly TermsRecord[]): void {
    for (const record of terms) this.catalogue.set(record.tcId.toString(), { ...record });
  }

  /** The catalogue in display order, optionally only the terms of one usage type. */
  list(tcActionType?: string): TermsRecord[] {
    return [...this.catalogue.values()]
      .filter((record) => tcActionType === undefined || record.tcActionType === tcActionType)
      .sort((a, b) => a.order - b.order || (a.tcId < b.tcId ? -1 : 1));
  }

  find(tcId: bigint): TermsRecord | undefined {
    return this.catalogue.get(tcId.toString());
  }

  /** The ids that are not in the catalogue (empty when all are known). */
  unknown(tcIds: readonly bigint[]): bigint[] {
    return tcIds.filter((tcId) => !this.catalogue.has(tcId.toString()));
  }

  /** Records agreements; an agreement already on record keeps its first date. Ids must be known. */
  agree(userId: bigint, tcIds: readonly bigint[], at: number): void {
    const key = userId.toString();
    const mine = this.agreements.get(key) ?? new Map<string, TermsAgreement>();
    for (const tcId of tcIds) {
      if (!mine.has(tcId.toString())) mine.set(tcId.toString(), { tcId, agreedAt: at });
    }
    this.agreements.set(key, mine);
  }

  /** Drops agreements (withdrawal); withdrawing what was never agreed is a no-op. */
  withdraw(userId: bigint, tcIds: readonly bigint[]): void {
    const mine = this.agreements.get(userId.toString());
    for (const tcId of tcIds) mine?.delete(tcId.toString());
  }

  agreement(userId: bigint, tcId: bigint): TermsAgreement | undefined {
    return this.agreements.get(userId.toString())?.get(tcId.toString());
  }

  /** The member's agreements, in catalogue order. */
  agreementsOf(userId: bigint): TermsAgreement[] {
    const mine = this.agreements.get(userId.toString());
    if (!mine) return [];
    return this.list().flatMap((record) => mine.get(record.tcId.toString()) ?? []);
  }
}
