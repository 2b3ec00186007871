/**
 * Callbacks through the local stack `npm start` runs: a charge made through the gateway's HTTP
 * routes is answered PENDING; the sandbox settles it, calls the receiver's public route on
 * serverless-offline (twice at once: duplicates on), and the event reaches the local EventBridge
 * once, through the real SDK, recorded in the events table in dynalite. A forged, replayed or stale
 * callback to the same route is refused and reaches nothing.
 */
import { callbackRequest, chargeSettledBody } from '../support/callback-requests';
import { startTestStack, type RunningStack } from '../support/local-stack';

jest.setTimeout(240_000);

const HONG = 50000104652;
const MERCHANT = '410195430033901';

let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function gateway(path: string, body: unknown) {
  const answer = await fetch(`http://127.0.0.1:${stack.ports.http}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, json: (await answer.json()) as Record<string, any> };
}

async function control(method: string, path: string, body?: unknown) {
  const answer = await fetch(`http://127.0.0.1:${stack.ports.sandbox}/__sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return answer.json() as Promise<Record<string, any>>;
}

interface BusEvent {
  DetailType: string;
  EventBusName: string;
  Detail: { eventKey: string; kind: string; data: Record<string, unknown> };
}

const busEvents = async () => ((await (await fetch(`http://127.0.0.1:${stack.ports.eventBridge}/__events`)).json()) as { events: BusEvent[] }).events;

async function callback(body: string, headers: Record<string, string>) {
  const answer = await fetch(`http://127.0.0.1:${stack.ports.http}/callbacks/konaplate`, { method: 'POST', headers, body });
  return { status: answer.status, json: (await answer.json()) as { response: { code: string } } };
}

it('a charge that settles from PENDING to COMPLETED reaches the bus once, though the sandbox sends it twice', async () => {
  expect((await control('PUT', '/callbacks', { duplicates: 'concurrent' })).settings).toMatchObject({ url: `http://127.0.0.1:${stack.ports.http}/callbacks/konaplate` });
  const accounts = await gateway('/api/v1/bankaccounts/inquiry', { userId: HONG });
  expect(accounts.status).toBe(200);
  const cards = await gateway('/api/v1/user/card/list', { userId: HONG });
  const cardNo = (cards.json.cardDataInfo as Array<{ mobileCardNo: string; isMain?: boolean }>).find((card) => card.isMain)!.mobileCardNo;
  const token = await gateway('/api/v2/payment/generate/onetimetoken', { cardNo });
  expect(token.status).toBe(200);
  const sequenceId = `E2ECB${Date.now()}`;
  const charge = await gateway('/api/v1/recharges/by-bank-accounts/no-hce', {
    sequenceId, userId: HONG, amount: 5005, oneTimeToken: token.json.oneTimeToken, dcvv: token.json.dcvv, merchantId: MERCHANT,
  });
  expect([charge.status, charge.json.outcome]).toEqual([202, 'PENDING']);

  const key = `charge.settled#chargeByBankAccount#${sequenceId}#COMPLETED`;
  const until = Date.now() + 120_000;
  let settled: BusEvent[] = [];
  let deliveries: Array<{ eventType: string; outcome: string; attempts: Array<{ status?: number }> }> = [];
  while (Date.now() < until) {
    settled = (await busEvents()).filter((event) => event.Detail.eventKey === key);
    deliveries = ((await control('GET', '/callbacks')).deliveries as typeof deliveries).filter((delivery) => delivery.eventType === 'CHARGE_SETTLED');
    if (settled.length > 0 && deliveries.length === 2 && deliveries.every((delivery) => delivery.outcome !== 'sending')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(settled).toHaveLength(1);
  expect(settled[0]).toMatchObject({ DetailType: 'charge.settled', EventBusName: 'konaplate-gateway-local', Detail: { data: { sequenceId, outcome: 'COMPLETED', amount: 5005 } } });
  expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['delivered', 'delivered']);
  // Later lookups (a retry that was still in flight) change nothing.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await busEvents()).filter((event) => event.Detail.eventKey === key)).toHaveLength(1);
});

it('a forged, a replayed and a stale callback are refused 401 and reach nothing', async () => {
  const before = (await busEvents()).length;
  const forged = await callbackRequest(stack.credentials, chargeSettledBody(), { secretKey: 'not-the-project-secret' });
  expect(await callback(forged.body, forged.headers)).toMatchObject({ status: 401, json: { response: { code: '000_104' } } });
  const stale = await callbackRequest(stack.credentials, chargeSettledBody(), { epochMs: Date.now() - 10 * 60_000 });
  expect(await callback(stale.body, stale.headers)).toMatchObject({ status: 401, json: { response: { code: '000_105' } } });
  const good = await callbackRequest(stack.credentials, chargeSettledBody({ sequenceId: `E2EREPLAY${Date.now()}` }));
  expect((await callback(good.body, good.headers)).status).toBe(200);
  expect(await callback(good.body, good.headers)).toMatchObject({ status: 401, json: { response: { code: '000_111' } } });
  expect((await busEvents()).length).toBe(before + 1);
  expect(stack.output()).toMatch(/"message":"callback refused".*"reason":"signature"/);
});
