/**
 * The context the money flow (lib/money/flow.ts) and the outcome inquiry (outcome.ts) run in, for
 * the money rule tests against a scripted platform: test credentials, a deadline `ms` from now
 * (Date.now(): the moved clock's, where a test moves it), no backoff jitter, a settle time.
 */
import { CredentialStore, parseCredentials } from '../../lib/credentials';
import type { MoneyContext } from '../../lib/money/flow';
import type { Ledger } from '../../lib/money/ledger';
import type { OutcomeContext } from '../../lib/money/outcome';
import { KeyCache } from '../../lib/protocol';
import { testSecret } from './keys';

const keys = new KeyCache();
/** The credentials every context carries: throwaway keys made once per test file. */
export const { secret: moneySecret } = testSecret();

export function outcomeContext(url: string, ms: number, settleMs = 60_000): OutcomeContext {
  return {
    baseUrl: url,
    credentials: parseCredentials(JSON.stringify(moneySecret), 'money-rules'),
    store: new CredentialStore({ secretId: 'money-rules', fetchSecret: async () => JSON.stringify(moneySecret) }),
    deadline: Date.now() + ms,
    keys,
    random: () => 0,
    settleMs,
  };
}

export const moneyContext = (url: string, ms: number, ledger: Ledger, settleMs = 60_000): MoneyContext => ({ ...outcomeContext(url, ms, settleMs), ledger });
