/**
 * A clock the test moves, for the money flow's millisecond boundaries: while it runs, Date.now()
 * stands at `movedClock.now` unless a wait of the flow (node:timers/promises, the one way the flow
 * and the retry policy sleep) moves it by exactly that wait, so "exactly this many ms left" and
 * "exactly the settle time after the send" happen when the test says, and no test really waits.
 * Sockets keep real time: an answer never given still times out after the real time left.
 *
 * jest hoists `jest.mock` only within the test file itself, so each file using the clock says
 *   jest.mock('node:timers/promises', () => require('../support/moved-clock').movedTimers());
 * and calls `useMovedClock(start)` at its top level.
 */
export const movedClock = { running: false, now: 0 };

/** node:timers/promises with a setTimeout that, while the clock runs, moves it instead of waiting. */
export function movedTimers(): typeof import('node:timers/promises') {
  const actual = jest.requireActual<typeof import('node:timers/promises')>('node:timers/promises');
  return {
    ...actual,
    setTimeout: <T>(ms = 0, value?: T, options?: Parameters<typeof actual.setTimeout>[2]) => {
      if (!movedClock.running) return actual.setTimeout(ms, value, options);
      movedClock.now += ms;
      return Promise.resolve(value as T);
    },
  };
}

/** Each test of the file starts with the clock standing at `start` (epoch ms). */
export function useMovedClock(start: number): void {
  beforeEach(() => {
    movedClock.running = true;
    movedClock.now = start;
    jest.spyOn(Date, 'now').mockImplementation(() => movedClock.now);
  });
  afterEach(() => {
    movedClock.running = false;
    jest.restoreAllMocks();
  });
}
