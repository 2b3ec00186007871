/**
 * What the platform knows about a member's security, beside the profile: how a PIN is kept (a
 * salted hash), failed PIN attempts (five wrong in a row lock the PIN until a password reset), the
 * fraud list of blocked identities (001_080), and when the member's identity was last verified
 * (isAuthed of /user/deduction/info).
 */
import { createHash, randomBytes } from 'node:crypto';

/** Wrong PINs in a row that lock the member's PIN (the documentation names no number). */
export const MAX_PIN_FAILURES = 5;

export type PinCheck = 'ok' | 'wrong' | 'locked';

/** A salted hash of a 6-digit PIN: the sandbox has no reason to keep the PIN itself. */
export function hashPin(pin: string, salt: string = randomBytes(8).toString('hex')): string {
  return `${salt}:${createHash('sha256').update(`${salt}:${pin}`).digest('hex')}`;
}

/** Whether a PIN matches a hash made by hashPin (its salt is the part before the colon). */
export function pinMatches(pinHash: string, pin: string): boolean {
  return hashPin(pin, pinHash.slice(0, pinHash.indexOf(':'))) === pinHash;
}

export class MemberSecurityBook {
  /** userId → wrong PINs in a row. */
  private readonly failures = new Map<string, number>();
  /** `${aspId}:${ci}` of identities registered as fraud for the ASP. */
  private readonly blocked = new Set<string>();
  /** userId → sandbox-clock epoch ms of the last identity verification. */
  private readonly verified = new Map<string, number>();

  reset(): void {
    this.failures.clear();
    this.blocked.clear();
    this.verified.clear();
  }

  /**
   * Records one PIN check of the member (`matches`: whether the PIN given matches the stored
   * hash). `locked` when the PIN is already locked (even the right PIN is refused) or when this
   * wrong attempt is the one that locks it.
   */
  checkPin(userId: bigint, matches: boolean): PinCheck {
    const key = userId.toString();
    if (this.isLocked(userId)) return 'locked';
    if (matches) {
      this.failures.delete(key);
      return 'ok';
    }
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    return count >= MAX_PIN_FAILURES ? 'locked' : 'wrong';
  }

  failedAttempts(userId: bigint): number {
    return this.failures.get(userId.toString()) ?? 0;
  }

  isLocked(userId: bigint): boolean {
    return this.failedAttempts(userId) >= MAX_PIN_FAILURES;
  }

  /** A password reset or change: the count starts again. */
  clearFailures(userId: bigint): void {
    this.failures.delete(userId.toString());
  }

  /** Registers an identity as fraud for the ASP: it can no longer log in or be reactivated. */
  block(aspId: string, ci: string): void {
    this.blocked.add(`${aspId}:${ci}`);
  }

  isBlocked(aspId: string, ci: string): boolean {
    return this.blocked.has(`${aspId}:${ci}`);
  }

  markVerified(userId: bigint, at: number): void {
    this.verified.set(userId.toString(), at);
  }

  verifiedAt(userId: bigint): number | undefined {
    return this.verified.get(userId.toString());
  }
}
