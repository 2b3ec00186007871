/**
 * `npm run ledger -- open`: which table a stage's (or the local stack's) ledger is, and the open
 * money records as a table an operator reads: operation, key, state, age, when it was sent. Never a
 * request, an answer or a fact of one (scripts/ledger.ts runs it).
 */
import { splitLedgerId, type OpenRecord } from '../lib/money/ledger';
// @ts-expect-error plain ESM module shared with `npm start`
import { DEFAULT_PORTS, IDEMPOTENCY_TABLE } from './local-stack.mjs';

export const USAGE = 'usage: npm run ledger -- open (--stage <stage> [--region <region>] | --local)';

export class LedgerCommandError extends Error {}

export interface LedgerTarget {
  table: string;
  /** The local stack's DynamoDB; none: the AWS SDK's own (its default credentials and region). */
  endpoint?: string;
  region?: string;
}

/** Where the ledger of `--stage <s>` or `--local` is, from the arguments and the environment. */
export function ledgerTarget(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LedgerTarget {
  const [command, ...rest] = argv;
  if (command !== 'open') throw new LedgerCommandError(USAGE);
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i += 1) {
    const name = rest[i]!;
    if (name === '--local') options.set('local', true);
    else if (name === '--stage' || name === '--region') {
      const value = rest[i + 1];
      if (!value || value.startsWith('--')) throw new LedgerCommandError(`${name} needs a value; ${USAGE}`);
      options.set(name.slice(2), value);
      i += 1;
    } else throw new LedgerCommandError(`unknown argument ${name}; ${USAGE}`);
  }
  const stage = options.get('stage');
  if (options.has('local') === (stage !== undefined)) throw new LedgerCommandError(`give exactly one of --stage <stage> or --local; ${USAGE}`);
  if (options.has('local')) {
    const port = env.DYNAMODB_PORT || String(DEFAULT_PORTS.dynamodb);
    return { table: IDEMPOTENCY_TABLE as string, endpoint: `http://127.0.0.1:${port}`, region: 'ap-northeast-2' };
  }
  if (stage === 'local') throw new LedgerCommandError('the local stage is the local stack: use --local');
  const region = options.get('region');
  return {
    // As serverless.yml names it.
    table: env.KONAPLATE_IDEMPOTENCY_TABLE || `konaplate-gateway-${String(stage)}-idempotency`,
    ...(typeof region === 'string' ? { region } : {}),
  };
}

function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The listing, oldest first, with a headline saying how many and how many are older than a day. */
export function openRecordsTable(table: string, records: readonly OpenRecord[], now: number): string[] {
  const day = 24 * 3600_000;
  const over = records.filter((record) => now - record.createdAt >= day).length;
  const headline = `${records.length} open money record${records.length === 1 ? '' : 's'} in ${table}${over ? `, ${over} open for more than a day` : ''}`;
  if (records.length === 0) return [headline];
  const rows = records.map((record) => {
    const { operation, key } = splitLedgerId(record.id);
    return [operation, key, record.state, age(now - record.createdAt), record.sentAt > 0 ? new Date(record.sentAt).toISOString() : 'never'];
  });
  const header = ['operation', 'key', 'state', 'age', 'sent at (UTC)'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [headline, line(header), ...rows.map(line)];
}
