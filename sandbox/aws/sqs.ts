/**
 * A local Amazon SQS, enough for what the gateway calls: `AmazonSQS.SendMessage` in the AWS JSON
 * 1.0 protocol the current @aws-sdk/client-sqs speaks (with the body's MD5, which the SDK checks),
 * for the failure queue the callback receiver sends refused hand-offs to. Queue URLs are
 * `<url>/<account>/<name>`, so the SDK, which sends to the host of the queue URL, reaches it.
 * It keeps every message (`messages()`, GET /__messages) and can be told to fail the next sends.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-io';
import { AwsError, readFailureCount, startAwsJsonServer } from './aws-json';

export const LOCAL_ACCOUNT_ID = '000000000000';

/** The query-protocol codes SQS sends beside its JSON errors (the SDK is query-compatible and names errors by them). */
const QUERY_CODES: Readonly<Record<string, string>> = {
  'com.amazonaws.sqs#QueueDoesNotExist': 'AWS.SimpleQueueService.NonExistentQueue',
  'com.amazonaws.sqs#InvalidParameterValue': 'InvalidParameterValue',
  'com.amazonaws.sqs#InternalError': 'InternalError',
};

export interface SqsOptions {
  host?: '127.0.0.1';
  port?: number;
  /** Queue names. */
  queues: readonly string[];
}

export interface SentMessage {
  MessageId: string;
  Body: string;
  MessageAttributes: Record<string, { DataType: string; StringValue?: string }>;
  sentAt: string;
}

export interface SqsHandle {
  url: string;
  port: number;
  queueUrl(name: string): string;
  messages(name: string): SentMessage[];
  /** The next `count` SendMessage calls answer 500. */
  failNext(count: number): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startSqs(options: SqsOptions): Promise<SqsHandle> {
  const queues = new Map(options.queues.map((name) => [name, [] as SentMessage[]]));
  let failures = 0;

  const sendMessage = (input: Record<string, unknown>) => {
    const queueUrl = typeof input.QueueUrl === 'string' ? input.QueueUrl : '';
    const queue = queues.get(queueUrl.split('/').pop() ?? '');
    if (!queue) throw new AwsError('com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
    if (typeof input.MessageBody !== 'string' || input.MessageBody === '') throw new AwsError('com.amazonaws.sqs#InvalidParameterValue', 'The request must contain the parameter MessageBody.');
    if (failures > 0) {
      failures--;
      throw new AwsError('com.amazonaws.sqs#InternalError', 'We encountered an internal error. Please try again.', 500);
    }
    const message: SentMessage = {
      MessageId: randomUUID(),
      Body: input.MessageBody,
      MessageAttributes: (input.MessageAttributes ?? {}) as SentMessage['MessageAttributes'],
      sentAt: new Date().toISOString(),
    };
    queue.push(message);
    return { MessageId: message.MessageId, MD5OfMessageBody: createHash('md5').update(message.Body, 'utf8').digest('hex') };
  };

  const control = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname === '/__messages' && req.method === 'GET') {
      sendJson(res, 200, { queues: Object.fromEntries(queues) });
      return true;
    }
    if (pathname === '/__failures' && req.method === 'POST') {
      const asked = await readFailureCount(req, res);
      if (asked) {
        failures += asked.count;
        sendJson(res, 201, { count: asked.count });
      }
      return true;
    }
    return false;
  };

  const server = await startAwsJsonServer({
    name: 'local SQS',
    targetPrefix: 'AmazonSQS.',
    contentType: 'application/x-amz-json-1.0',
    operations: new Map([['SendMessage', sendMessage]]),
    // The SDK is query-compatible: it reads the error's code from this header.
    errorHeaders: (error) => ({ 'x-amzn-query-error': `${QUERY_CODES[error.type] ?? error.type};${error.status >= 500 ? 'Receiver' : 'Sender'}` }),
    control,
  }, options.host ?? '127.0.0.1', options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    queueUrl: (name) => `${server.url}/${LOCAL_ACCOUNT_ID}/${name}`,
    messages: (name) => [...(queues.get(name) ?? [])],
    failNext: (count) => {
      failures += count;
    },
    clear: () => {
      for (const list of queues.values()) list.length = 0;
      failures = 0;
    },
    close: server.close,
  };
}
