'use strict';
// Lambda-shaped inputs for the runners: a fresh HTTP API (v2) event and context per call, as the
// Lambda runtime hands each invocation its own (middy's body parser replaces event.body in place).

function makeEvent(spec) {
  return {
    version: '2.0',
    routeKey: `POST ${spec.path}`,
    rawPath: spec.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'bench.local' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      http: { method: 'POST', path: spec.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: `POST ${spec.path}`,
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 0,
    },
    body: spec.body,
    isBase64Encoded: false,
  };
}

let sequence = 0;
function makeContext(timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME || 'bench';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-northeast-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `bench-${process.pid}-${++sequence}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done() {},
    fail() {},
    succeed() {},
  };
}

/** Sends one message to the parent and exits once it is written. */
function report(message, code = 0) {
  process.send(message, () => process.exit(code));
}

module.exports = { makeEvent, makeContext, report };
