import type { AnswerFault } from '../../sandbox/platform/faults/kinds';

/**
 * Every way the sandbox breaks an answer after the request arrived (sandbox/platform/faults/kinds.ts), with the
 * effect committed first or not: no answer byte, a reset after the headers or mid-body, silence
 * after the headers, a trickle, a body shorter or longer than its Content-Length, a chunked body
 * cut off, a body that is not JSON.
 */
export const ANSWER_BREAKS: ReadonlyArray<(commit: boolean) => AnswerFault> = [
  (commit) => ({ type: 'drop', commit }),
  (commit) => ({ type: 'reset-after-headers', commit }),
  (commit) => ({ type: 'reset-mid-body', commit }),
  (commit) => ({ type: 'stall-after-headers', commit }),
  (commit) => ({ type: 'trickle', commit, byteEveryMs: 100 }),
  (commit) => ({ type: 'short-body', commit }),
  (commit) => ({ type: 'long-body', commit }),
  (commit) => ({ type: 'chunked-cut', commit }),
  (commit) => ({ type: 'not-json', commit }),
];
