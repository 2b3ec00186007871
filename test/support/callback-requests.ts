/**
 * Callbacks as an independent sender writes them from protocol.md §5 (the test client's own HMAC
 * and jose, test/sandbox/support/kona-client.ts; neither the gateway's lib/protocol nor the
 * sandbox's sender), and designed bodies of every kind (lib/callbacks/catalog.ts) to put in them.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxCredentials } from '../../sandbox/project/credentials';
import { encryptTo, signedHeaders, stamp17 } from '../sandbox/support/kona-client';

export interface CallbackRequestOptions {
  /** The sender's clock (default now). */
  epochMs?: number;
  /** Seal the body to the client public key of the project's key at this index (0: the first). */
  sealWith?: number;
  /** The X-KM-Crypto-Key-Id sent; default the key sealed with; null: none. */
  keyId?: string | null;
  /** Sign with this secret key instead of the project's (a forger). */
  secretKey?: string;
  /** Replaces (string) or removes (undefined) headers after signing. */
  overrides?: Record<string, string | undefined>;
}

export interface CallbackRequest {
  /** The exact wire body. */
  body: string;
  headers: Record<string, string>;
}

export async function callbackRequest(credentials: SandboxCredentials, fields: Record<string, unknown> | string, options: CallbackRequestOptions = {}): Promise<CallbackRequest> {
  const plaintext = typeof fields === 'string' ? fields : JSON.stringify(fields);
  let body = plaintext;
  let keyId: string | undefined;
  if (options.sealWith !== undefined) {
    const key = credentials.project.cryptoKeys[options.sealWith]!;
    body = JSON.stringify({ encData: await encryptTo(key.clientPublicKey, plaintext) });
    keyId = key.id;
  }
  if (options.keyId !== undefined) keyId = options.keyId ?? undefined;
  const identity = { ...credentials.clientSecret, secretKey: options.secretKey ?? credentials.clientSecret.secretKey };
  const headers = signedHeaders(identity, body, {
    ...(options.epochMs === undefined ? {} : { epochMs: options.epochMs }),
    ...(keyId === undefined ? {} : { cryptoKeyId: keyId }),
    // Callbacks carry the common headers without the access key (protocol.md §1.1).
    overrides: { 'X-KM-Access-Key': undefined, ...options.overrides },
  });
  return { body, headers };
}

const KST_NOW = () => stamp17(Date.now(), 'KST').slice(0, 14);
const digits = (n: number) => Array.from(randomBytes(n), (byte) => String(byte % 10)).join('');

export const PAR = 'PAR1234567890123456789012AB';
export const MEMBER = 50000104652;

export function chargeSettledBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'CHARGE_SETTLED', eventDateTime: KST_NOW(), userId: MEMBER, chargeType: 'CHARGE', sequenceId: `CB${digits(12)}`,
    nrNumber: `KMN251125${digits(9)}`, result: 'COMPLETED', amount: 5005, ...overrides,
  };
}

export function paymentApprovedBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = KST_NOW();
  return {
    eventType: 'PAYMENT_APPROVED', eventDateTime: now, userId: MEMBER, par: PAR, nrNumber: `KMN251125${digits(9)}`, approvalCode: digits(8),
    amount: 4500, merchantId: '410195430033901', merchantName: '카페', approvalDateTime: now, balanceAfter: 5500, ...overrides,
  };
}

export function cardDeliveredBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'CARD_DELIVERED', eventDateTime: KST_NOW(), userId: MEMBER, cardApplyNo: `20251125143005${digits(8)}`, par: PAR,
    deliveryStatus: 'ARRIVAL', physicalCardNo: `94913395${digits(8)}`, ...overrides,
  };
}
