/**
 * Corporate real-name identification of cards (법인 실명확인): what /api/v1/user/namedcard/corp
 * recorded per card, and what the identification status inquiry answers. One record per PAR:
 * the latest attempt, verified or failed (a later attempt replaces a failed one).
 */

export type CorporateIdentificationStatus = 'COMPLETED' | 'FAILED';

export interface CorporateIdentificationRecord {
  par: string;
  userId: bigint;
  corporationName: string;
  bizLicenseNo: string;
  registrationNumber: string;
  status: CorporateIdentificationStatus;
  /** Sandbox-clock epoch ms of the request. */
  requestedAt: number;
  /** Sandbox-clock epoch ms the card became named; COMPLETED only. */
  identifiedAt?: number;
  /** Why it failed; FAILED only. */
  failureReason?: string;
}

/**
 * Korean business registration number (사업자등록번호) check digit: weights 1,3,7,1,3,7,1,3,5 over
 * the first nine digits, plus the tens of (ninth digit × 5); the tenth digit closes the sum to 10.
 */
export function isValidBizLicenseNo(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = weights.reduce((total, weight, i) => total + weight * digits[i]!, 0);
  sum += Math.floor((digits[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === digits[9];
}

/**
 * Korean corporate registration number (법인등록번호) check digit: weights 1,2 alternating over the
 * first twelve digits; the thirteenth digit closes the sum to 10.
 */
export function isValidCorporateRegistrationNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 12).reduce((total, digit, i) => total + digit * (i % 2 === 0 ? 1 : 2), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

export class CorporateIdentifications {
  private readonly byPar = new Map<string, CorporateIdentificationRecord>();

  reset(): void {
    this.byPar.clear();
  }

  record(entry: CorporateIdentificationRecord): CorporateIdentificationRecord {
    const stored = { ...entry };
    this.byPar.set(entry.par, stored);
    return stored;
  }

  get(par: string): CorporateIdentificationRecord | undefined {
    return this.byPar.get(par);
  }
}
