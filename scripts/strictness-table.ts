/**
 * sandbox/README.md's table of every check the sandbox makes on a request, and of what it accepts
 * on purpose, from the one list in sandbox/platform/rules.ts (`npm run generate`).
 */
import { RULES } from '../sandbox/platform/rules';

export function strictnessTable(): string {
  const rows = Object.values(RULES).map((rule) =>
    `| ${rule.rule.replace(/\|/g, '\\|')} | ${rule.code === 'accepted' ? 'accepted' : rule.code.split(' / ').map((code) => `\`${code}\``).join(' / ')} | ${rule.source} | ${rule.basis.replace(/\|/g, '\\|')} |`);
  return ['| rule | code | documented or designed | source |', '|---|---|---|---|', ...rows].join('\n');
}
