/**
 * The virtual bank account attached to each card (카드 가상계좌), for top-ups by bank transfer.
 * A card's account is derived from its PAR, so it is the same on every inquiry and after a reset;
 * it is remembered both ways so a deposit can be routed back to its card (`parFor`).
 */
import { createHash } from 'node:crypto';

export interface VirtualAccountRecord {
  par: string;
  accountNo: string;
  bankCode: string;
  /** FIXED: one permanent account per card (the sandbox has no other kind). */
  connectType: 'FIXED';
}

/** Bank that issues the sandbox's virtual accounts: 088 (신한), a common virtual-account bank. */
export const VIRTUAL_ACCOUNT_BANK_CODE = '088';
const ACCOUNT_PREFIX = '5621';

export class VirtualAccounts {
  private readonly byPar = new Map<string, VirtualAccountRecord>();
  private readonly parByAccountNo = new Map<string, string>();

  reset(): void {
    this.byPar.clear();
    this.parByAccountNo.clear();
  }

  /** The card's account, attached on first use: prefix + 10 digits from the PAR (14 digits). */
  accountFor(par: string): VirtualAccountRecord {
    const existing = this.byPar.get(par);
    if (existing) return existing;
    const digest = createHash('sha256').update(`virtual-account:${par}`).digest();
    let accountNo = ACCOUNT_PREFIX + (digest.readBigUInt64BE(0) % 10_000_000_000n).toString().padStart(10, '0');
    // Two PARs hashing to one number: step on until free (practically never).
    while (this.parByAccountNo.has(accountNo)) accountNo = ACCOUNT_PREFIX + ((BigInt(accountNo.slice(4)) + 1n) % 10_000_000_000n).toString().padStart(10, '0');
    const record: VirtualAccountRecord = { par, accountNo, bankCode: VIRTUAL_ACCOUNT_BANK_CODE, connectType: 'FIXED' };
    this.byPar.set(par, record);
    this.parByAccountNo.set(accountNo, par);
    return record;
  }

  /** The PAR of the card an account number belongs to, once attached. */
  parFor(accountNo: string): string | undefined {
    return this.parByAccountNo.get(accountNo);
  }
}
