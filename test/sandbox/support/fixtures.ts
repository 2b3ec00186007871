/** Shared setup: fresh sandbox credentials and a platform on a free loopback port. */
import { generateSandboxCredentials, type GenerateOptions, type SandboxCredentials } from '../../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle, type PlatformOptions } from '../../../sandbox/platform/server';
import { MOBILE_CARD_SERVICE_ID } from '../../../sandbox/books/card-products';
import type { CardRecord } from '../../../sandbox/books/records';
import type { ClientIdentity } from './kona-client';

export interface TestPlatform {
  platform: PlatformHandle;
  credentials: SandboxCredentials;
  identity: ClientIdentity;
}

export async function startTestPlatform(options: Partial<PlatformOptions> = {}, generate: GenerateOptions = {}): Promise<TestPlatform> {
  const credentials = await generateSandboxCredentials(generate);
  const platform = await startPlatform({ port: 0, ...options, project: options.project ?? credentials.project });
  return { platform, credentials, identity: credentials.clientSecret };
}

/** One call to the sandbox control API (`/__sandbox<path>`) of `platform`. */
export async function controlCall(platform: PlatformHandle, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const origin = platform.url.replace(/\/open-api$/, '');
  const res = await fetch(`${origin}/__sandbox${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

export const PATHS = {
  register: '/api/v1/user/registration',
  info: '/api/v1/user/info',
  accounts: '/api/v1/bankaccounts/inquiry',
} as const;

/** A fixture member (sandbox/books/fixtures.ts). */
export const HONG = 50000104652;

let sequence = 0;
export function newMember(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    loginId: `tester${Date.now()}${sequence}`,
    loginPassword: '123456',
    birthDate: '19920304',
    nationality: 'Korean',
    gender: 'Female',
    userName: '박지민',
    email: `tester${sequence}@example.com`,
    mobileNumber: '01012341234',
    ...overrides,
  };
}

/** The sandbox's member record, for arranging a state directly (throws when there is none). */
export function memberIn(platform: PlatformHandle, userId: number) {
  const found = platform.state.member(BigInt(userId));
  if (!found) throw new Error(`no member ${userId}`);
  return found;
}

export const basicCardIn = (platform: PlatformHandle, userId: number) => memberIn(platform, userId).cards.find((card) => card.kind === 'basic')!;

/** Puts an issued card (zero balance) on a member directly, as the issuance operations would. */
export function giveCardTo(platform: PlatformHandle, userId: number, changes: Partial<CardRecord> = {}): CardRecord {
  const card = { ...platform.state.newCard('issued', MOBILE_CARD_SERVICE_ID), ...changes };
  memberIn(platform, userId).cards.push(card);
  return card;
}
