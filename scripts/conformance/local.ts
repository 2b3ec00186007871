/**
 * `npm run conformance -- --local`: the local sandbox, started in this process with fresh
 * credentials, and test data taken from its own fixtures, as the portal publishes test data for
 * the public sandbox. What it says proves nothing about the platform; it shows the command works
 * and, with the drift switch, that it notices differences.
 */
import { CredentialStore } from '../../lib/credentials/store';
import { stringifyJson } from '../../lib/protocol/json';
import { printedOn } from '../../sandbox/books/card-applications';
import { MOBILE_CARD_SERVICE_ID } from '../../sandbox/books/card-products';
import { startPlatform, type PlatformHandle, type PlatformOptions } from '../../sandbox/platform/server';
import { generateSandboxCredentials, type SandboxClientSecret } from '../../sandbox/project/credentials';
import type { TestData } from './test-data';

/** A member of the fixtures that is dormant and not on the fraud list: the reactivation's subject. */
const DORMANT_USER_ID = 50000104656n;

/** The portal's kind of test data, from the sandbox's fixtures and retail stock. */
export function localTestData(platform: PlatformHandle): TestData {
  const dormant = platform.state.member(DORMANT_USER_ID);
  const stockCard = platform.state.cardApplications.stock().find((card) => card.balance === 0 && card.registeredPar === undefined);
  const printed = stockCard && printedOn(stockCard);
  return {
    member: {
      userName: '정적합', birthDate: '19910607', gender: 'Female', nationality: 'Korean', mobileNumber: '01031415926', loginPassword: '480213',
      addressInfo: { address: '서울특별시 중구 세종대로 110', zipCode: '04524', addressDetail: '2층' },
      tcIdList: ['29184', '29186', '29187', '29188'],
      account: { bankCode: '004', bankAccount: '04070299887766', bankName: 'KB국민' },
    },
    merchantId: '410195430033901',
    serviceId: MOBILE_CARD_SERVICE_ID,
    ...(printed && { physicalCard: { cardNo: printed.physicalCardNo, expiryDate: printed.physicalCardExpDate, cvc: printed.physicalCardCVC } }),
    ...(dormant && { dormantMember: { ci: dormant.ci, userName: dormant.userName, birthDate: dormant.birthDate, gender: dormant.gender } }),
    // Numbers that pass the check digits (sandbox/books/corporate-identifications.ts).
    corporation: { corporationName: '주식회사 적합', bizLicenseNo: '1248100998', registrationNumber: '1301110006246' },
  };
}

/** A credential store over a secret held in memory (a local file, or the sandbox's). */
export function storeOf(secretId: string, secret: SandboxClientSecret | string): CredentialStore {
  const text = typeof secret === 'string' ? secret : stringifyJson(secret);
  return new CredentialStore({ secretId, fetchSecret: async () => text });
}

export interface LocalSandbox {
  platform: PlatformHandle;
  store: CredentialStore;
  testData: TestData;
  close(): Promise<void>;
}

export async function startLocalSandbox(options: Partial<PlatformOptions> = {}): Promise<LocalSandbox> {
  const credentials = await generateSandboxCredentials();
  const platform = await startPlatform({ port: 0, ...options, project: credentials.project });
  // Registrations complete at once: the run would otherwise wait on the sandbox's ARS timing.
  platform.state.bankAccounts.configure({ arsCallMs: 0, bankRegistrationMs: 0 });
  return { platform, store: storeOf('local sandbox', credentials.clientSecret), testData: localTestData(platform), close: () => platform.close() };
}
