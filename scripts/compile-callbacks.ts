/**
 * Compiles the callback catalog (lib/callbacks/catalog.ts) into lib/callbacks/compiled.ts: each
 * event type's kind, whether the platform encrypts it, and its body check as plain code, with the
 * operation catalog's compiler (scripts/compile-operation.ts), so the receiver ships no TypeBox
 * and names a broken field in TypeBox's words. `npm run generate` writes it.
 */
import { CALLBACK_EVENTS } from '../lib/callbacks/catalog';
import { generatedHeader } from './catalog-files';
import { checkFunction, Emitter } from './compile-operation';

export const COMPILED_CALLBACKS = 'lib/callbacks/compiled.ts';

export function compiledCallbacksSource(): string {
  const e = new Emitter('lib/callbacks/catalog.ts');
  const rows = CALLBACK_EVENTS.map((entry, index) => {
    const check = checkFunction(e, `check${index}`, entry.body);
    return `  ${entry.eventType}: { kind: ${JSON.stringify(entry.kind)}, encrypted: ${entry.encrypted}, check: ${check} },`;
  });
  return [
    generatedHeader('lib/callbacks/catalog.ts'),
    '// Each designed callback event type: the event kind it becomes, whether the platform encrypts it,',
    '// and its body check as plain code (scripts/compile-callbacks.ts).',
    `import { ${[...[...e.helpers].sort(), 'type SchemaCheck', 'type Violations'].join(', ')} } from '../catalog/checks';`,
    "import type { EventKind } from '../events/types';",
    '',
    'export interface CompiledCallbackEvent {',
    "  kind: Exclude<EventKind, 'unknown'>;",
    '  encrypted: boolean;',
    '  check: SchemaCheck;',
    '}',
    '',
    ...(e.constants.length ? [...e.constants, ''] : []),
    ...e.lines,
    '/** By wire `eventType`. */',
    'export const CALLBACK_CHECKS: Readonly<Record<string, CompiledCallbackEvent>> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}
