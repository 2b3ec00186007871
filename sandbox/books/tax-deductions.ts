/**
 * Income tax deduction enrolments of cards (소득공제 신청): one per PAR, from the day applied on.
 * Read by the status inquiry (/api/v1/cards/deduction); a payment or cash-receipt domain may ask
 * `isEnrolled(par)` (the platform issues no cash receipt for a card enrolled for deduction).
 */

export interface TaxDeductionRecord {
  par: string;
  userId: bigint;
  /** yyyyMMdd (Korean date) from which the card's spending is reported for deduction. */
  deductionDate: string;
  /** Sandbox-clock epoch ms of the application. */
  createdAt: number;
}

export class TaxDeductions {
  private readonly byPar = new Map<string, TaxDeductionRecord>();

  reset(): void {
    this.byPar.clear();
  }

  enrol(entry: TaxDeductionRecord): TaxDeductionRecord {
    const stored = { ...entry };
    this.byPar.set(entry.par, stored);
    return stored;
  }

  get(par: string): TaxDeductionRecord | undefined {
    return this.byPar.get(par);
  }

  isEnrolled(par: string): boolean {
    return this.byPar.has(par);
  }
}
