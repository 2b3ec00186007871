// `npm start`: the whole local stack in the foreground, with examples to paste. Ctrl-C, SIGTERM, or
// the terminal closing (SIGHUP) stops all of it, while it starts too.
import { createLocalStack, portsFromEnvironment, StackProblem } from './local-stack.mjs';

// Once the terminal is gone (SIGHUP), writing to it fails: that must not stop the stopping.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

let ports;
try {
  ports = portsFromEnvironment(process.env);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const stack = createLocalStack({ ports, echo: true });
const starting = stack.start();
let stopping = false;
const shutdown = async (why, code = 0) => {
  if (stopping) return;
  stopping = true;
  if (why) console.log(`\n${why}: stopping the local stack...`);
  await stack.stop();
  // A stop during start: start() ends what it had begun, then settles.
  await starting.catch(() => undefined);
  await stack.stop();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));
// `kill <pid of npm start>`: npm and its shell end without passing the signal on, and this process is
// handed to another parent. Noticing that is the only word it gets.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown('npm start ended');
}, 500).unref();

try {
  await starting;
} catch (error) {
  if (stopping) await new Promise(() => undefined); // shutdown() exits
  // A port taken or a bad variable: its one line, no stack trace.
  console.error(error instanceof StackProblem ? error.message : `the local stack did not start: ${error.message}`);
  await shutdown(undefined, 1);
}

const http = `http://127.0.0.1:${ports.http}`;
const lambda = `http://127.0.0.1:${ports.lambda}`;
const reference = `http://127.0.0.1:${ports.reference}`;

console.log(`
konaplate-gateway local stack is up
  platform sandbox   http://127.0.0.1:${ports.sandbox}/open-api   (state in memory; control API under /__sandbox)
  secrets manager    http://127.0.0.1:${ports.secretsManager}      (secret ${stack.env.KONAPLATE_SECRET_ID})
  DynamoDB (dynalite) http://127.0.0.1:${ports.dynamodb}     (idempotency table ${stack.env.KONAPLATE_IDEMPOTENCY_TABLE})
  HTTP API           ${http}
  Lambda invoke      ${lambda}
  API reference      ${reference}   (Swagger UI; Try it out calls the HTTP API above)
  EventBridge        http://127.0.0.1:${ports.eventBridge}      (bus ${stack.env.KONAPLATE_EVENT_BUS}; events received: GET /__events)
  SQS                http://127.0.0.1:${ports.sqs}      (failure queue; messages: GET /__messages)
  callbacks          the sandbox calls back ${stack.env.SANDBOX_CALLBACK_URL}, events table ${stack.env.KONAPLATE_EVENTS_TABLE}

Read a fixture member (홍길동, 50000104652) and its bank accounts, or register one of your own:

  curl -s -X POST ${http}/api/v1/user/registration -H 'content-type: application/json' \\
    -d '{"loginId":"hong@example.com","loginPassword":"480213","birthDate":"19900101","nationality":"Korean","gender":"Male","userName":"홍길동","email":"hong@example.com","mobileNumber":"01012345678"}'

  curl -s -X POST ${http}/api/v1/user/info -H 'content-type: application/json' -d '{"userId":50000104652}'

  curl -s -X POST ${http}/api/v1/bankaccounts/inquiry -H 'content-type: application/json' -d '{"userId":50000104652}'

The same by direct invoke, with the AWS CLI (any credentials and region do locally; each command sets them):

  # AWS CLI v2
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws lambda invoke --endpoint-url ${lambda} --region ap-northeast-2 \\
    --function-name konaplate-gateway-local-memberInfo --cli-binary-format raw-in-base64-out \\
    --payload '{"userId":50000104652}' /dev/stdout

  # AWS CLI v1 (it sends --payload as given and has no --cli-binary-format)
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws lambda invoke --endpoint-url ${lambda} --region ap-northeast-2 \\
    --function-name konaplate-gateway-local-memberInfo \\
    --payload '{"userId":50000104652}' /dev/stdout

The API reference, all 49 operations with "Try it out" on this stack:  ${reference}

A member's whole life, step by step (in another terminal):  npm run scenario

A card payment at a terminal, called back to the gateway and put on the bus:

  curl -s -X POST http://127.0.0.1:${ports.sandbox}/__sandbox/terminal-payments -H 'content-type: application/json' \\
    -d '{"userId":50000104652,"amount":4500,"merchantId":"410195430033901"}'
  curl -s http://127.0.0.1:${ports.eventBridge}/__events

README.md and docs/openapi.json describe every operation; sandbox/README.md has the test data
and the fault-injection control API (POST /__sandbox/faults).

Ctrl-C (or closing this terminal) stops everything.
`);

for (const proc of stack.processes.filter((p) => p.child)) {
  proc.child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${proc.name} exited (${code}); stopping the rest`);
      void shutdown(undefined, 1);
    }
  });
}
