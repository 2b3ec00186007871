/**
 * A Stryker ignorer (stryker.config.mjs `ignorers`): no mutant inside a call of the gateway's
 * logger (`logger.info(...)`, `logger.warn(...)` …). A log line's wording and fields are not a rule
 * of the gateway; what a line must never hold is checked by the leak scan of `npm test`, and the
 * lines an operator searches for are asserted where they matter (money-safety.test.ts,
 * caller-identity.test.ts). docs/mutation-testing.md counts these mutants per file.
 */
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const LOG_METHODS = new Set(['debug', 'info', 'warn', 'error']);

function isLogCall(node) {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  return object.type === 'Identifier' && object.name === 'logger' && property.type === 'Identifier' && LOG_METHODS.has(property.name);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'log-calls', {
    shouldIgnore(path) {
      // The call itself, and the statement that is only that call (the mutant that removes it).
      const node = path.node.type === 'ExpressionStatement' ? path.node.expression : path.node;
      return isLogCall(node) ? 'A log call: its wording is not a rule (docs/mutation-testing.md)' : undefined;
    },
  }),
];
