/**
 * What mutation testing mutates (stryker.config.mjs), in parts that `npm run mutate` runs one after
 * the other (scripts/mutate.mjs). `lib/protocol/index.ts` and `json.ts` only re-export.
 */
export const MUTATION_PARTS = {
  upstream: ['lib/upstream/*.ts'],
  protocol: ['lib/protocol/*.ts', '!lib/protocol/index.ts', '!lib/protocol/json.ts'],
  money: ['lib/money/*.ts'],
  catalog: ['lib/catalog/validate.ts', 'lib/catalog/checks.ts'],
};
