/**
 * The control API's callback routes (no auth, loopback only; sandbox/README.md § Callbacks):
 *
 * - GET /__sandbox/callbacks: the settings, and the record of deliveries (metadata only);
 * - PUT /__sandbox/callbacks {url?, duplicates?, encryption?, retryDelaysMs?, attemptTimeoutMs?, tickMs?}:
 *   changes them; `"url": null` turns callbacks off;
 * - DELETE /__sandbox/callbacks: clears the record of deliveries;
 * - POST /__sandbox/terminal-payments {userId, amount, merchantId, merchantName?, par?}: a card
 *   payment at a merchant's terminal (the member's main card unless `par` names another), 201;
 * - POST /__sandbox/terminal-payments/:nrNumber/cancel: its cancel, 201.
 *
 * A payment or cancel sends its callbacks when a URL is set. Undefined for any other route.
 */
import { exactInteger } from '../../../lib/catalog/checks';
import type { SandboxState } from '../../books/state';
import type { TerminalPayment } from '../../books/terminal-payments';
import { callbackSettingsProblem, type CallbackSender, type CallbackSettings } from './sender';

const PAYMENTS = '/__sandbox/terminal-payments';
const CANCEL_ROUTE = /^\/__sandbox\/terminal-payments\/([^/]+)\/cancel$/;
const MERCHANT_ID = /^[0-9]{15}$/;

type Answer = [number, unknown];

const problem = (status: number, message: string): Answer => [status, { error: { message } }];

const SETTING_KEYS: ReadonlyArray<keyof CallbackSettings> = ['url', 'duplicates', 'encryption', 'retryDelaysMs', 'attemptTimeoutMs', 'tickMs'];

function paymentAnswer(payment: TerminalPayment) {
  return {
    nrNumber: payment.nrNumber, approvalCode: payment.approvalCode, userId: payment.userId, par: payment.par,
    amount: payment.amount, merchantId: payment.merchantId, balanceAfter: payment.balanceAfter,
  };
}

function configure(sender: CallbackSender, body: Record<string, unknown>): Answer {
  const unknown = Object.keys(body).find((key) => !SETTING_KEYS.includes(key as keyof CallbackSettings));
  if (unknown) return problem(400, `unknown setting ${unknown}; the settings are ${SETTING_KEYS.join(', ')}`);
  const settings = { ...body, ...(body.url === null ? { url: undefined } : {}) } as Partial<CallbackSettings>;
  const why = callbackSettingsProblem(settings);
  if (why) return problem(400, why);
  sender.configure(settings);
  return [200, { settings: sender.settings() }];
}

function approve(state: SandboxState, sender: CallbackSender, body: Record<string, unknown>, now: number): Answer {
  const userId = exactInteger(body.userId);
  if (userId === undefined || userId < 1n) return problem(400, 'userId must be a member id (decimal digits)');
  const amount = body.amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > 99_999_999) return problem(400, 'amount must be a whole number of KRW, 1..99999999');
  if (typeof body.merchantId !== 'string' || !MERCHANT_ID.test(body.merchantId)) return problem(400, 'merchantId must be 15 digits');
  if (body.merchantName !== undefined && (typeof body.merchantName !== 'string' || body.merchantName.length > 100)) return problem(400, 'merchantName must be a string of at most 100 characters');
  if (body.par !== undefined && typeof body.par !== 'string') return problem(400, 'par must be a string');
  const member = state.member(userId);
  if (!member || member.status !== 'ACTIVE') return problem(404, `no active member ${userId}`);
  const card = body.par === undefined ? member.cards.find((candidate) => candidate.isMain) : member.cards.find((candidate) => candidate.par === body.par);
  if (!card) return problem(404, body.par === undefined ? `member ${userId} has no main card` : `member ${userId} has no card with that par`);
  const payment = state.terminalPayments.approve({
    card, userId, amount, merchantId: body.merchantId, merchantName: (body.merchantName as string | undefined) ?? '테스트가맹점',
  }, now);
  if (typeof payment === 'string') return problem(409, `payment refused: ${payment}`);
  sender.notify({ type: 'payment-approved', payment });
  return [201, paymentAnswer(payment)];
}

function cancel(state: SandboxState, sender: CallbackSender, nrNumber: string, now: number): Answer {
  const payment = state.terminalPayments.get(nrNumber);
  if (!payment) return problem(404, `no terminal payment ${nrNumber}`);
  const card = state.findCard({ par: state.payments.currentPar(payment.par) })?.card;
  if (!card) return problem(409, 'the card of the payment is gone');
  const cancelled = state.terminalPayments.cancel(payment, card, now);
  if (typeof cancelled === 'string') return problem(409, `cancel refused: ${cancelled}`);
  sender.notify({ type: 'payment-canceled', payment });
  return [201, { nrNumber: cancelled.nrNumber, originalNrNumber: payment.nrNumber, approvalCode: cancelled.approvalCode, par: card.par, amount: payment.amount, balanceAfter: cancelled.balanceAfter }];
}

/** Whether the route is one of these (so the control API reads its body first). */
export const isCallbacksRoute = (pathname: string) => pathname === '/__sandbox/callbacks' || pathname === PAYMENTS || CANCEL_ROUTE.test(pathname);

export function callbacksControl(
  context: { state: SandboxState; callbacks: CallbackSender; now: () => number },
  method: string,
  pathname: string,
  body: Record<string, unknown>,
): Answer | undefined {
  const { state, callbacks } = context;
  if (pathname === '/__sandbox/callbacks') {
    if (method === 'GET') return [200, { settings: callbacks.settings(), deliveries: callbacks.deliveries() }];
    if (method === 'PUT') return configure(callbacks, body);
    if (method === 'DELETE') return [200, { cleared: callbacks.clearDeliveries() }];
    return problem(405, 'callbacks: use GET, PUT or DELETE');
  }
  if (pathname === PAYMENTS && method === 'POST') return approve(state, callbacks, body, context.now());
  const cancelRoute = CANCEL_ROUTE.exec(pathname);
  if (cancelRoute && method === 'POST') return cancel(state, callbacks, decodeURIComponent(cancelRoute[1]!), context.now());
  return undefined;
}
