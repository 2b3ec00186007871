// `npm start`: the whole local stack in the foreground, with examples to paste. Ctrl-C stops it all.
import { startLocalStack, DEFAULT_PORTS } from './local-stack.mjs';

const ports = {
  sandbox: Number(process.env.SANDBOX_PORT ?? DEFAULT_PORTS.sandbox),
  secretsManager: Number(process.env.SECRETS_MANAGER_PORT ?? DEFAULT_PORTS.secretsManager),
  dynamodb: Number(process.env.DYNAMODB_PORT ?? DEFAULT_PORTS.dynamodb),
  http: Number(process.env.HTTP_PORT ?? DEFAULT_PORTS.http),
  lambda: Number(process.env.LAMBDA_PORT ?? DEFAULT_PORTS.lambda),
  eventBridge: Number(process.env.EVENTBRIDGE_PORT ?? DEFAULT_PORTS.eventBridge),
  sqs: Number(process.env.SQS_PORT ?? DEFAULT_PORTS.sqs),
};

const stack = await startLocalStack({ ports, echo: true });
const http = `http://127.0.0.1:${ports.http}`;
const lambda = `http://127.0.0.1:${ports.lambda}`;

console.log(`
konaplate-gateway local stack is up
  platform sandbox   http://127.0.0.1:${ports.sandbox}/open-api   (state in memory; control API under /__sandbox)
  secrets manager    http://127.0.0.1:${ports.secretsManager}      (secret ${stack.env.KONAPLATE_SECRET_ID})
  DynamoDB (dynalite) http://127.0.0.1:${ports.dynamodb}     (idempotency table ${stack.env.KONAPLATE_IDEMPOTENCY_TABLE})
  HTTP API           ${http}
  Lambda invoke      ${lambda}
  EventBridge        http://127.0.0.1:${ports.eventBridge}      (bus ${stack.env.KONAPLATE_EVENT_BUS}; events received: GET /__events)
  SQS                http://127.0.0.1:${ports.sqs}      (failure queue; messages: GET /__messages)
  callbacks          the sandbox calls back ${stack.env.SANDBOX_CALLBACK_URL}, events table ${stack.env.KONAPLATE_EVENTS_TABLE}

Read a fixture member (홍길동, 50000104652) and its bank accounts, or register one of your own:

  curl -s -X POST ${http}/api/v1/user/registration -H 'content-type: application/json' \\
    -d '{"loginId":"hong@example.com","loginPassword":"480213","birthDate":"19900101","nationality":"Korean","gender":"Male","userName":"홍길동","email":"hong@example.com","mobileNumber":"01012345678"}'

  curl -s -X POST ${http}/api/v1/user/info -H 'content-type: application/json' -d '{"userId":50000104652}'

  curl -s -X POST ${http}/api/v1/bankaccounts/inquiry -H 'content-type: application/json' -d '{"userId":50000104652}'

The same by direct invoke (any AWS credentials will do locally):

  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws lambda invoke --endpoint-url ${lambda} --region ap-northeast-2 \\
    --function-name konaplate-gateway-local-memberInfo --cli-binary-format raw-in-base64-out \\
    --payload '{"userId":50000104652}' /dev/stdout

  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws lambda invoke --endpoint-url ${lambda} --region ap-northeast-2 \\
    --function-name konaplate-gateway-local-bankAccountInquiry --cli-binary-format raw-in-base64-out \\
    --payload '{"userId":50000104652}' /dev/stdout

A member's whole life, step by step (in another terminal):  npm run scenario

A card payment at a terminal, called back to the gateway and put on the bus:

  curl -s -X POST http://127.0.0.1:${ports.sandbox}/__sandbox/terminal-payments -H 'content-type: application/json' \\
    -d '{"userId":50000104652,"amount":4500,"merchantId":"410195430033901"}'
  curl -s http://127.0.0.1:${ports.eventBridge}/__events

All 49 operations are listed in README.md and docs/openapi.json; sandbox/README.md has the test data
and the fault-injection control API (POST /__sandbox/faults).

Press Ctrl-C to stop everything.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the local stack...');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
for (const proc of stack.processes.filter((p) => p.child)) {
  proc.child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${proc.name} exited (${code}); stopping the rest`);
      void shutdown();
    }
  });
}
