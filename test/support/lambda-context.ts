import type { Context } from 'aws-lambda';

/** A Lambda context for in-process handler calls, with `remainingMs` left to run. */
export function lambdaContext(remainingMs = 10_000, functionName = 'konaplate-gateway-test'): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-northeast-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An API Gateway HTTP API (v2) event carrying `body`. */
export function httpEvent(path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: { http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' } },
    body,
    isBase64Encoded: false,
  };
}
