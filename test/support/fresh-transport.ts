type Transport = typeof import('../../lib/upstream/transport');

/**
 * lib/upstream/transport.ts as a new container loads it, its settings (module constants) read
 * afresh: a test that pins a setting sees it changed (the mutation run, docs/mutation-testing.md).
 */
export function freshTransport(): Transport {
  let transport!: Transport;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    transport = require('../../lib/upstream/transport') as Transport;
  });
  return transport;
}
