/**
 * The callback receiver with its real surroundings (the local Secrets Manager, the events table in
 * dynalite, the local EventBridge and SQS, all through the real AWS SDK), fed by an independent
 * sender: what reaches the bus, once, and what reaches nothing; what the platform is answered;
 * the metric and log lines; the failure queue when the bus refuses; a secret rotated under it.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { callbackRequest, chargeSettledBody, paymentApprovedBody, type CallbackRequestOptions } from '../support/callback-requests';
import { BUS, QUEUE, startReceiverHarness, type ReceiverHarness } from '../support/callback-receiver';
import { logLines } from '../support/log-lines';

let credentials: SandboxCredentials;
let harness: ReceiverHarness;

beforeAll(async () => {
  credentials = await generateSandboxCredentials({ keyCount: 2 });
  harness = await startReceiverHarness(credentials);
});
afterAll(() => harness?.close());
beforeEach(() => {
  harness.eventBridge.clear();
  harness.sqs.clear();
  harness.clockOffsetMs.value = 0;
});

const onBus = () => harness.eventBridge.events(BUS);
const detailsOnBus = () => onBus().map((event) => event.Detail as { eventKey: string; kind: string; data: Record<string, unknown> });

async function send(fields: Record<string, unknown> | string, options: CallbackRequestOptions = {}, base64 = false) {
  const request = await callbackRequest(credentials, fields, options);
  return { request, answer: await harness.post(request.body, request.headers, { base64 }) };
}

/** What one callback printed: its log lines and its metrics (EMF) line. */
async function printed(run: () => Promise<unknown>) {
  const { lines, raw } = await logLines(run);
  const emf = raw.split('\n').filter((line) => line.startsWith('{"_aws":')).map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Dimensions: string[][]; Metrics: Array<{ Name: string }> }> } });
  return { lines, raw, emf };
}

describe('a good callback', () => {
  it('is answered 200 in the platform envelope and reaches the bus once, as the contract says', async () => {
    const body = chargeSettledBody({ sequenceId: 'GWGOOD0001' });
    const { answer, request } = await send(body);
    expect(answer).toMatchObject({ status: 200, body: { response: { code: '000_000', description: 'Success.' } } });
    expect(answer.headers['X-KM-Correlation-Id']).toBe(request.headers['X-KM-Correlation-Id']);
    expect(onBus()).toHaveLength(1);
    const [event] = onBus();
    expect([event!.Source, event!.DetailType, event!.EventBusName]).toEqual(['konaplate.gateway', 'charge.settled', BUS]);
    expect(event!.Detail).toMatchObject({
      eventKey: 'charge.settled#chargeByBankAccount#GWGOOD0001#COMPLETED', kind: 'charge.settled', origin: 'callback',
      correlationId: request.headers['X-KM-Correlation-Id'], designed: true,
      data: { operation: 'chargeByBankAccount', sequenceId: 'GWGOOD0001', outcome: 'COMPLETED', amount: 5005, userId: '50000104652' },
    });
    expect(await harness.records.get('charge.settled#chargeByBankAccount#GWGOOD0001#COMPLETED')).toMatchObject({ state: 'PUBLISHED' });
  });

  it('sent again (a new request, the same event) is answered 200 and not handed on again', async () => {
    const body = chargeSettledBody({ sequenceId: 'GWTWICE001' });
    await send(body);
    const { emf } = await printed(async () => expect((await send(body)).answer.status).toBe(200));
    expect(onBus()).toHaveLength(1);
    expect(emf.at(-1)).toMatchObject({ CallbackDuplicates: 1, stage: expect.any(String), operation: 'konaplateCallback' });
  });

  it('encrypted under the first key is opened and handed on; so is a body API Gateway base64-encoded', async () => {
    const approved = paymentApprovedBody();
    expect((await send(approved, { sealWith: 0 })).answer.status).toBe(200);
    expect((await send(chargeSettledBody({ sequenceId: 'GWBASE6401' }), {}, true)).answer.status).toBe(200);
    expect(detailsOnBus().map((detail) => [detail.kind, detail.eventKey])).toEqual([
      ['payment.approved', `payment.approved#${approved.nrNumber as string}`],
      ['charge.settled', 'charge.settled#chargeByBankAccount#GWBASE6401#COMPLETED'],
    ]);
  });

  it('of a kind the catalog does not know is passed on as unknown, masked', async () => {
    const { answer } = await send({ eventType: 'POINTS_EARNED', userId: 50000104652, cardNo: '9491339401250765', points: 120 });
    expect(answer.status).toBe(200);
    expect(detailsOnBus()).toEqual([expect.objectContaining({ kind: 'unknown', data: { eventType: 'POINTS_EARNED', userId: 50000104652, cardNo: '************0765', points: 120 } })]);
  });
});

describe('a callback that reaches nothing', () => {
  const refused = async (fields: Record<string, unknown>, options: CallbackRequestOptions, code: string, reason: string, replayOf?: { body: string; headers: Record<string, string> }) => {
    const before = onBus().length;
    let answer!: Awaited<ReturnType<ReceiverHarness['post']>>;
    const { lines, raw, emf } = await printed(async () => {
      answer = replayOf ? await harness.post(replayOf.body, replayOf.headers) : (await send(fields, options)).answer;
    });
    expect([answer.status, answer.body.response.code]).toEqual([401, code]);
    expect(onBus()).toHaveLength(before);
    expect(harness.sqs.messages(QUEUE)).toEqual([]);
    // One warning naming the reason; the body is never logged.
    expect(lines.filter((line) => line.message === 'callback refused').map((line) => line.reason)).toEqual([reason]);
    expect(raw).not.toContain(String(fields.nrNumber ?? fields.sequenceId));
    const metrics = emf.at(-1)!;
    expect(metrics).toMatchObject({ CallbackRefused: 1, [`CallbackRefused_${reason}`]: 1 });
    expect(metrics._aws.CloudWatchMetrics[0]!.Dimensions).toEqual(expect.arrayContaining([['stage'], ['stage', 'operation']]));
    return answer;
  };

  it('forged: 401 000_104, nothing recorded, a metric and a warning', async () => {
    const body = chargeSettledBody({ sequenceId: 'GWFORGED01' });
    await refused(body, { secretKey: 'forger-secret' }, '000_104', 'signature');
    expect(await harness.records.get('charge.settled#chargeByBankAccount#GWFORGED01#COMPLETED')).toBeUndefined();
  });

  it('replayed: the same request again is refused 000_111', async () => {
    const body = chargeSettledBody({ sequenceId: 'GWREPLAY01' });
    const { request, answer } = await send(body);
    expect(answer.status).toBe(200);
    await refused(body, {}, '000_111', 'replayed', request);
    expect(onBus()).toHaveLength(1);
  });

  it('stale or from the future: 401 000_105', async () => {
    await refused(chargeSettledBody(), { epochMs: Date.now() - 6 * 60_000 }, '000_105', 'stale');
    await refused(chargeSettledBody(), { epochMs: Date.now() + 6 * 60_000 }, '000_105', 'future');
  });

  it('unsigned, for another ASP, or under another crypto key', async () => {
    await refused(chargeSettledBody(), { overrides: { 'X-KM-Tran-Token': undefined } }, '000_104', 'missing_token');
    await refused(chargeSettledBody(), { overrides: { 'X-KM-User-AspId': '000170000000009' } }, '000_103', 'asp_id');
    await refused(paymentApprovedBody(), { sealWith: 1 }, '000_106', 'crypto_key');
  });
});

describe('when the bus does not take the event', () => {
  it('goes to the failure queue with its entry, is answered 200 and recorded QUEUED; a redelivery is not handed on again', async () => {
    const body = chargeSettledBody({ sequenceId: 'GWQUEUED01' });
    harness.eventBridge.failNext(1, 'entries');
    const { emf, lines } = await printed(async () => expect((await send(body)).answer.status).toBe(200));
    expect(onBus()).toEqual([]);
    expect(emf.at(-1)).toMatchObject({ EventsQueued: 1 });
    expect(lines.some((line) => line.level === 'ERROR' && line.message === 'event not taken by the bus: sent to the failure queue')).toBe(true);
    const [message] = harness.sqs.messages(QUEUE);
    expect(message!.MessageAttributes).toEqual({ 'konaplate-message': { DataType: 'String', StringValue: 'event-hand-off' } });
    const { handOff } = JSON.parse(message!.Body);
    expect(handOff).toMatchObject({ eventKey: 'charge.settled#chargeByBankAccount#GWQUEUED01#COMPLETED', kind: 'charge.settled', reason: expect.stringMatching(/^InternalFailure: /) });
    expect(await harness.records.get(handOff.eventKey)).toMatchObject({ state: 'QUEUED' });

    expect((await send(body)).answer.status).toBe(200);
    expect(onBus()).toEqual([]);

    // The operator's redrive: the entry as it is.
    const client = new EventBridgeClient({ endpoint: harness.eventBridge.url, region: 'ap-northeast-2', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const { entry } = handOff;
    await client.send(new PutEventsCommand({ Entries: [{ ...entry, Time: new Date(entry.Time) }] }));
    client.destroy();
    expect(detailsOnBus().map((detail) => detail.eventKey)).toEqual(['charge.settled#chargeByBankAccount#GWQUEUED01#COMPLETED']);
  });

  it('and the queue cannot be reached either: 500, nothing kept, so the platform\'s retry hands it on once', async () => {
    const body = chargeSettledBody({ sequenceId: 'GWRETRY001' });
    harness.eventBridge.failNext(1, 'status-500');
    harness.sqs.failNext(1);
    const { answer } = await send(body);
    expect([answer.status, answer.body.response.code]).toEqual([500, '000_001']);
    expect(await harness.records.get('charge.settled#chargeByBankAccount#GWRETRY001#COMPLETED')).toMatchObject({ state: 'PUBLISHING', leaseUntil: 0 });
    expect((await send(body)).answer.status).toBe(200);
    expect(detailsOnBus().map((detail) => detail.eventKey)).toEqual(['charge.settled#chargeByBankAccount#GWRETRY001#COMPLETED']);
  });
});

it('two deliveries of one event at once: one reaches the bus, the other is told to send again or that it is done', async () => {
  const body = chargeSettledBody({ sequenceId: 'GWRACE0001' });
  const answers = await Promise.all([send(body), send(body), send(body)]);
  expect(onBus()).toHaveLength(1);
  for (const { answer } of answers) expect([200, 503]).toContain(answer.status);
});

it('takes a rotated secret key: a callback the old key does not verify fetches the secret again, once', async () => {
  const rotated = { ...credentials, clientSecret: { ...credentials.clientSecret, secretKey: 'rotated-secret-key-0123456789' } };
  const calls = harness.secrets.calls();
  harness.secrets.setSecret('konaplate/callbacks', stringifyJson(rotated.clientSecret));
  // The forgeries above made it fetch the secret already: a minute on (well inside the time window), it may again.
  harness.clockOffsetMs.value = 2 * 60_000;
  try {
    const request = await callbackRequest(rotated, chargeSettledBody({ sequenceId: 'GWROTATE01' }));
    expect((await harness.post(request.body, request.headers)).status).toBe(200);
    expect(harness.secrets.calls()).toBe(calls + 1);
    // A forgery right after does not make it fetch again (at most once a minute).
    const forged = await callbackRequest(rotated, chargeSettledBody(), { secretKey: 'forger' });
    expect((await harness.post(forged.body, forged.headers)).status).toBe(401);
    expect(harness.secrets.calls()).toBe(calls + 1);
  } finally {
    harness.secrets.setSecret('konaplate/callbacks', stringifyJson(credentials.clientSecret));
  }
});
