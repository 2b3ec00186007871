/**
 * A local Amazon EventBridge, enough for what the gateway calls: `AWSEvents.PutEvents` in the AWS
 * JSON 1.1 protocol, so the real @aws-sdk/client-eventbridge runs locally
 * (AWS_ENDPOINT_URL_EVENTBRIDGE). It keeps every event it accepted, for tests and people
 * (`events()`, GET /__events), and can be told to fail the next calls (`failNext`, POST /__failures):
 * per entry, as PutEvents reports a partial failure, or the whole call with a 500.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-io';
import { AwsError, readFailureCount, startAwsJsonServer } from './aws-json';

export interface EventBridgeOptions {
  host?: '127.0.0.1';
  /** 0 (the default) takes any free port. */
  port?: number;
  /** The buses that exist besides `default`, by name. */
  buses?: readonly string[];
}

export interface ReceivedEvent {
  EventId: string;
  EventBusName: string;
  Source: string;
  DetailType: string;
  /** The Detail JSON, parsed. */
  Detail: unknown;
  /** ISO 8601: the entry's Time, else when it was received. */
  Time: string;
  receivedAt: string;
}

/** `entries`: every entry of the call fails (FailedEntryCount = all); `status-500`: the call answers 500 InternalException. */
export type PutEventsFailure = 'entries' | 'status-500';

export interface EventBridgeHandle {
  /** e.g. http://127.0.0.1:4587, the value for AWS_ENDPOINT_URL_EVENTBRIDGE. */
  url: string;
  port: number;
  /** Accepted events, oldest first; of one bus when named. */
  events(bus?: string): ReceivedEvent[];
  /** The next `count` PutEvents calls fail as `how` says. */
  failNext(count: number, how?: PutEventsFailure): void;
  /** PutEvents calls so far, accepted or not. */
  calls(): number;
  clear(): void;
  close(): Promise<void>;
}

const MAX_ENTRIES = 10;
const BUS_ARN = /^arn:aws[\w-]*:events:[\w-]+:\d{12}:event-bus\/(.+)$/;
const FAILURES: readonly PutEventsFailure[] = ['entries', 'status-500'];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export async function startEventBridge(options: EventBridgeOptions = {}): Promise<EventBridgeHandle> {
  const buses = new Set(['default', ...(options.buses ?? [])]);
  const received: ReceivedEvent[] = [];
  const failures: PutEventsFailure[] = [];
  let calls = 0;

  type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

  const accept = (entry: Record<string, unknown>, now: Date): EntryResult => {
    const busGiven = text(entry.EventBusName) ?? 'default';
    const bus = BUS_ARN.exec(busGiven)?.[1] ?? busGiven;
    if (!buses.has(bus)) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
    const source = text(entry.Source);
    const detailType = text(entry.DetailType);
    const detailText = text(entry.Detail);
    if (!source || !detailType || !detailText) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' };
    let detail: unknown;
    try {
      detail = JSON.parse(detailText);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object.' };
    // The SDK writes Time as epoch seconds.
    const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : now;
    const event: ReceivedEvent = {
      EventId: randomUUID(), EventBusName: bus, Source: source, DetailType: detailType, Detail: detail, Time: time.toISOString(), receivedAt: now.toISOString(),
    };
    received.push(event);
    return { EventId: event.EventId };
  };

  const putEvents = (input: Record<string, unknown>) => {
    calls++;
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
    }
    const failure = failures.shift();
    if (failure === 'status-500') throw new AwsError('InternalException', 'An internal error occurred.', 500);
    const now = new Date();
    const results: EntryResult[] = entries.map((entry) =>
      failure === 'entries'
        ? { ErrorCode: 'InternalFailure', ErrorMessage: 'The entry could not be put (local failure scheduled).' }
        : entry !== null && typeof entry === 'object' ? accept(entry as Record<string, unknown>, now) : { ErrorCode: 'InvalidArgument', ErrorMessage: 'An entry must be an object.' });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  };

  const failNext = (count: number, how: PutEventsFailure = 'entries') => {
    for (let i = 0; i < count; i++) failures.push(how);
  };

  const control = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname === '/__events' && req.method === 'GET') {
      const bus = new URL(req.url ?? '/', 'http://local').searchParams.get('bus') ?? undefined;
      sendJson(res, 200, { events: bus ? received.filter((event) => event.EventBusName === bus) : received, calls });
      return true;
    }
    if (pathname === '/__events' && req.method === 'DELETE') {
      const cleared = received.length;
      received.length = 0;
      sendJson(res, 200, { cleared });
      return true;
    }
    if (pathname === '/__failures' && req.method === 'POST') {
      const asked = await readFailureCount(req, res);
      if (!asked) return true;
      const how = (asked.body.how ?? 'entries') as PutEventsFailure;
      if (!FAILURES.includes(how)) sendJson(res, 400, { message: `how must be one of ${FAILURES.join('|')}` });
      else {
        failNext(asked.count, how);
        sendJson(res, 201, { count: asked.count, how });
      }
      return true;
    }
    return false;
  };

  const server = await startAwsJsonServer({
    name: 'local EventBridge',
    targetPrefix: 'AWSEvents.',
    contentType: 'application/x-amz-json-1.1',
    operations: new Map([['PutEvents', putEvents]]),
    control,
  }, options.host ?? '127.0.0.1', options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    events: (bus) => (bus ? received.filter((event) => event.EventBusName === bus) : [...received]),
    failNext,
    calls: () => calls,
    clear: () => {
      received.length = 0;
      failures.length = 0;
      calls = 0;
    },
    close: server.close,
  };
}
