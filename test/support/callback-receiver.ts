/**
 * The callback receiver in process, with everything it talks to local and real-SDK: the
 * credentials from the local Secrets Manager, the events table in dynalite, the stage bus in the
 * local EventBridge, the failure queue in the local SQS. `serve()` puts it behind an HTTP API v2
 * stand-in (the raw body handed over as API Gateway does, optionally base64-encoded), so the
 * sandbox's sender can reach it over HTTP.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callbackReceiver } from '../../lib/callbacks/receiver';
import { ReplayGuard } from '../../lib/callbacks/replay-guard';
import { CALLBACK_RECEIVER } from '../../lib/callbacks/route';
import { CredentialStore } from '../../lib/credentials/store';
import { fetchSecretString } from '../../lib/credentials/secrets-manager';
import { EventRecords, FailureQueue, publishEvents, type HandOffDependencies } from '../../lib/events';
import { stringifyJson } from '../../lib/protocol/json';
import { startEventBridge, type EventBridgeHandle } from '../../sandbox/aws/eventbridge';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';
import { startSqs, type SqsHandle } from '../../sandbox/aws/sqs';
import type { SandboxCredentials } from '../../sandbox/project/credentials';
import { startLocalDynamo, type LocalDynamo } from './dynalite';
import { lambdaContext } from './lambda-context';

export const BUS = 'konaplate-gateway-test';
export const QUEUE = 'konaplate-gateway-test-failed-invocations';
export const EVENTS_TABLE = 'konaplate-gateway-test-events';
const SECRET_ID = 'konaplate/callbacks';
const AWS = { region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

export type Receiver = ReturnType<typeof callbackReceiver>;

export interface ReceiverHarness {
  receiver: Receiver;
  eventBridge: EventBridgeHandle;
  sqs: SqsHandle;
  secrets: SecretsManagerHandle;
  dynamo: LocalDynamo;
  records: EventRecords;
  /** The receiver's clock: Date.now() plus this. */
  clockOffsetMs: { value: number };
  /** Calls the handler as API Gateway would, with the body bytes as sent. */
  post(body: Buffer | string, headers: Record<string, string>, options?: { base64?: boolean }): Promise<{ status: number; body: { response: { code: string; description: string } }; headers: Record<string, string> }>;
  /** An HTTP API on 127.0.0.1 in front of the handler; resolves to the callback URL. */
  serve(options?: { base64?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export function apiEvent(body: Buffer, headers: Record<string, string>, base64: boolean, sourceIp = '127.0.0.1'): APIGatewayProxyEventV2 {
  const { path } = CALLBACK_RECEIVER;
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    // API Gateway hands header names lower-cased.
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: '127.0.0.1', domainPrefix: 'local', requestId: 'r', routeKey: `POST ${path}`, stage: '$default',
      time: '', timeEpoch: Date.now(), http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp, userAgent: 'test' },
    },
    body: base64 ? body.toString('base64') : body.toString('utf8'),
    isBase64Encoded: base64,
  };
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startReceiverHarness(credentials: SandboxCredentials): Promise<ReceiverHarness> {
  const [eventBridge, sqs, secrets, dynamo] = await Promise.all([
    startEventBridge({ buses: [BUS] }),
    startSqs({ queues: [QUEUE] }),
    startSecretsManager({ secrets: { [SECRET_ID]: stringifyJson(credentials.clientSecret) } }),
    startLocalDynamo('unused-ledger', [EVENTS_TABLE]),
  ]);
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.url;
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: AWS.region });
  const dynamoClient = new DynamoDBClient({ ...AWS, endpoint: dynamo.url });
  const eventsClient = new EventBridgeClient({ ...AWS, endpoint: eventBridge.url, maxAttempts: 1 });
  const sqsClient = new SQSClient({ ...AWS, endpoint: sqs.url, maxAttempts: 1 });
  const records = new EventRecords(EVENTS_TABLE, dynamoClient);
  const clockOffsetMs = { value: 0 };
  const now = () => Date.now() + clockOffsetMs.value;
  const handOff: HandOffDependencies = {
    records,
    publish: (events) => publishEvents(events, { busName: BUS, client: eventsClient }),
    queue: new FailureQueue(sqs.queueUrl(QUEUE), sqsClient),
    busName: BUS,
    leaseMs: 5000,
    now,
  };
  const store = new CredentialStore({ secretId: SECRET_ID, fetchSecret: fetchSecretString });
  const guard = new ReplayGuard(EVENTS_TABLE, dynamoClient);
  const receiver = callbackReceiver({ store: () => store, handOff: () => handOff, replayGuard: () => guard, now });
  const servers: Server[] = [];

  const post: ReceiverHarness['post'] = async (body, headers, options = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const answer = await receiver(apiEvent(bytes, headers, options.base64 ?? false), lambdaContext(10_000, 'konaplate-gateway-test-konaplateCallback'));
    return { status: answer.statusCode, body: JSON.parse(answer.body), headers: (answer.headers ?? {}) as Record<string, string> };
  };

  return {
    receiver, eventBridge, sqs, secrets, dynamo, records, clockOffsetMs, post,
    async serve(options = {}) {
      const server = createServer((req, res) => {
        readAll(req).then(async (bytes) => {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value ?? '']));
          const answer = await post(bytes, headers, options);
          res.writeHead(answer.status, answer.headers);
          res.end(JSON.stringify(answer.body));
        }).catch(() => {
          res.writeHead(502);
          res.end();
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_RECEIVER.path}`;
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      dynamoClient.destroy();
      eventsClient.destroy();
      sqsClient.destroy();
      await Promise.all([eventBridge.close(), sqs.close(), secrets.close(), dynamo.close()]);
    },
  };
}
