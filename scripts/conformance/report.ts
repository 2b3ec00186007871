/**
 * The run's report for people (a markdown table, then every difference) and what it saw as an
 * observation file the catalog can cite (lib/catalog/observations.ts). Neither holds a field
 * value: only names, codes and flags, so a report can be shared with KONA or committed.
 */
import type { Observation, ObservationFile } from '../../lib/catalog/observations';
import type { ConformanceReport, OperationReport } from './run';

const cell = (text: string) => text.replace(/\|/g, '\\|');
const sealed = (encrypted: boolean | undefined) => (encrypted === undefined ? '—' : encrypted ? 'sealed' : 'clear');

function schemaCell(report: OperationReport): string {
  if (!report.ran || !report.reached) return '—';
  if (!report.schemaChecked) return 'not checked (no success)';
  const schema = report.schema!;
  const parts = [
    schema.missing.length ? `missing ${schema.missing.join(', ')}` : '',
    schema.unknown.length ? `unknown ${schema.unknown.join(', ')}` : '',
    schema.type.length ? `type ${schema.type.join('; ')}` : '',
    schema.length.length ? `length ${schema.length.join('; ')}` : '',
    schema.format.length ? `format ${schema.format.join('; ')}` : '',
  ].filter(Boolean);
  const absent = schema.absentOptional.length ? ` (optional, not sent: ${schema.absentOptional.join(', ')})` : '';
  return `${parts.length ? parts.join('; ') : 'as the catalog'}${absent}`;
}

function encryptionCell(report: OperationReport): string {
  if (!report.ran || !report.encryption) return '—';
  const { catalog, requestEncrypted, answerEncrypted } = report.encryption;
  const seen = `${sealed(requestEncrypted)} / ${sealed(answerEncrypted)}`;
  const expected = `${sealed(catalog.request)} / ${sealed(catalog.response)}`;
  if (!report.schemaChecked) return `${seen} (a refusal; catalog ${expected})`;
  return seen === expected ? `${seen} ✓` : `${seen} (catalog ${expected})`;
}

function codeCell(report: OperationReport): string {
  if (!report.resultCode) return '—';
  const notes = [report.codeListed ? '' : 'in no table', report.codeListed && report.codeDocumented === false ? 'designed code' : ''].filter(Boolean);
  return `\`${report.resultCode}\` HTTP ${report.httpStatus}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function protocolCell(report: OperationReport): string {
  if (!report.ran) return '—';
  if (report.protocol === 'refused') return `**refused** \`${report.resultCode ?? `HTTP ${report.httpStatus}`}\``;
  return report.protocol ?? '—';
}

/** The report for people: a summary, one row per operation, then each operation's differences. */
export function markdownReport(report: ConformanceReport): string {
  const { summary, environment } = report;
  const rows = report.operations.map((op) => {
    const ran = op.ran ? (op.conformant ? 'yes ✓' : 'yes') : `no: ${op.skipped}`;
    const reached = !op.ran ? '—' : op.reached ? 'yes' : `**no**: ${op.failure}`;
    return `| ${op.n} | \`${op.operation}\` | ${cell(ran)} | ${cell(reached)} | ${cell(protocolCell(op))} | ${cell(codeCell(op))} | ${cell(schemaCell(op))} | ${cell(encryptionCell(op))} | ${op.correlationId ? `\`${op.correlationId}\`` : '—'} |`;
  });
  const differing = report.operations.filter((op) => op.ran && op.differences && op.differences.length > 0);
  return [
    `# KONA PLATE conformance: ${environment.name}`,
    '',
    `${environment.baseUrl}, ${report.startedAt} – ${report.finishedAt}${environment.local ? ' (the local sandbox: proves nothing about the platform)' : ''}.`,
    `Options: ${report.options.money ? 'money included' : 'no money'}${report.options.readsOnly ? ', reads only' : ''}${report.options.only ? `, only ${report.options.only.join(', ')}` : ''}.`,
    '',
    `**${summary.ran} of ${summary.operations} operations run: ${summary.conformant} as the catalog says, ${summary.differing} differing` +
      ` (${summary.refused} refused by the protocol, ${summary.unreached} not reached); ${summary.skipped} not run.**`,
    '',
    '| n | operation | ran | reached | protocol | result code | answer against the schema | encryption seen, request / answer | correlation id |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Differences',
    '',
    ...(differing.length === 0 ? ['None.'] : differing.flatMap((op) => [`- \`${op.operation}\` (${op.path}):`, ...op.differences!.map((line) => `  - ${line}`)])),
    '',
  ].join('\n');
}

/** What the run saw, per operation run, for the catalog to cite (docs/observations/). */
export function observationFile(report: ConformanceReport): ObservationFile {
  const operations: Record<string, Observation> = {};
  for (const op of report.operations) {
    if (!op.ran) continue;
    operations[op.operation] = {
      reached: op.reached ?? false,
      protocol: op.protocol ?? 'unknown',
      ...(op.httpStatus !== undefined && { httpStatus: op.httpStatus }),
      ...(op.resultCode !== undefined && { resultCode: op.resultCode }),
      requestEncrypted: op.encryption?.requestEncrypted ?? false,
      ...(op.encryption?.answerEncrypted !== undefined && { answerEncrypted: op.encryption.answerEncrypted }),
      answerFields: op.answerFields ?? [],
      differences: op.differences ?? [],
      confirms: op.confirms ?? [],
      contradicts: op.contradicts ?? [],
    };
  }
  return {
    kind: 'konaplate-observations',
    version: 1,
    environment: report.environment.name,
    baseUrl: report.environment.baseUrl,
    local: report.environment.local,
    observedOn: report.startedAt.slice(0, 10),
    operations,
  };
}
