/**
 * Where the platform calls back: the receiver's function key (also its metrics `operation`) and
 * its public route on the stage's HTTP API (README.md § Callbacks from the platform). The URL the
 * provider registers with KONA is the API's URL followed by this path.
 */
export const CALLBACK_RECEIVER = {
  id: 'konaplateCallback',
  path: '/callbacks/konaplate',
} as const;
