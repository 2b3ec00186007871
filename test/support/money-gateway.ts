/**
 * The gateway's two money-path functions in process (the charge's money handler with an in-memory
 * ledger, and the one-time token's handler) against a sandbox platform of their own, and a charge
 * request with a fresh one-time token: what the money tests drive.
 */
import {
  cancelChargeByBankAccount, cardBalanceRefund, chargeByBankAccount, issueOneTimeToken, paymentApprove, paymentCancel,
} from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { stringifyJson } from '../../lib/json';
import { moneyHandler } from '../../lib/money/handler';
import { MemoryLedger } from '../../lib/money/ledger';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { lambdaContext } from './lambda-context';

/** A fixture member with a registered bank account (홍길동). */
export const MONEY_MEMBER = 50000104652;

export interface MoneyGateway {
  credentials: SandboxCredentials;
  store: CredentialStore;
  platform: PlatformHandle;
  ledger: MemoryLedger;
  charge: ReturnType<typeof moneyHandler>;
  token: ReturnType<typeof gatewayHandler>;
  /** A charge of MONEY_MEMBER's first card with a fresh one-time token. */
  chargeRequest: (sequenceId: string, amount?: number) => Promise<{ sequenceId: string; userId: number; amount: number; oneTimeToken: string; dcvv: string; merchantId: string }>;
}

export async function startMoneyGateway(options: { secretId: string; settleMs: number }): Promise<MoneyGateway> {
  const credentials = await generateSandboxCredentials();
  const platform = await startPlatform({ project: credentials.project });
  const store = new CredentialStore({ secretId: options.secretId, fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  const ledger = new MemoryLedger();
  const deps = { store: () => store, baseUrl: () => platform.url, ledger: () => ledger, settleMs: () => options.settleMs };
  const charge = moneyHandler(chargeByBankAccount, deps);
  const token = gatewayHandler(issueOneTimeToken, deps);
  const chargeRequest = async (sequenceId: string, amount = 1000) => {
    const card = platform.state.member(BigInt(MONEY_MEMBER))!.cards[0]!;
    const { oneTimeToken, dcvv } = (await token({ cardNo: card.cardNo }, lambdaContext() as never)) as { oneTimeToken: string; dcvv: string };
    return { sequenceId, userId: MONEY_MEMBER, amount, oneTimeToken, dcvv, merchantId: '410195430033901' };
  };
  return { credentials, store, platform, ledger, charge, token, chargeRequest };
}

/** The five money functions over one set of dependencies, as the reconciliation and sweeper tests call them. */
export function moneyHandlers(deps: Parameters<typeof moneyHandler>[1]) {
  return {
    charge: moneyHandler(chargeByBankAccount, deps),
    cancel: moneyHandler(cancelChargeByBankAccount, deps),
    payment: moneyHandler(paymentApprove, deps),
    paymentCancel: moneyHandler(paymentCancel, deps),
    refund: moneyHandler(cardBalanceRefund, deps),
  };
}
