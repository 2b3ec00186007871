/**
 * scripts/reference-server.mjs without a browser: the page, its document and assets, and the proxy
 * that "Try it out" goes through, at each point where the local HTTP API may fail it.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error plain ESM script without types, shared with `npm start`
import { startReferenceServer } from '../../scripts/reference-server.mjs';
import { OPERATIONS } from '../../lib/catalog';

interface Reference { url: string; close: () => Promise<void> }
interface Seen { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string }

let api: Server;
let apiPort: number;
let seen: Seen;
let reference: Reference;
let answer: (response: import('node:http').ServerResponse) => void;

beforeAll(async () => {
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      answer(res);
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiPort = (api.address() as AddressInfo).port;
  reference = await startReferenceServer({ port: 0, apiPort });
});

afterAll(async () => {
  await reference.close();
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

beforeEach(() => {
  seen = {};
  answer = (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-km-correlation-id': '251125120000-abcdef0', 'x-internal': 'no' });
    res.end('{"userInfo":{"userId":50000104652}}');
  };
});

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${reference.url}${path}`, { method: 'POST', headers, body });

describe('the reference server', () => {
  it('serves the page, Swagger UI from node_modules, and the document with itself as the only server', async () => {
    const page = await (await fetch(reference.url)).text();
    expect(page).toContain('<script src="/assets/swagger-ui-bundle.js"></script>');
    for (const asset of ['/assets/swagger-ui-bundle.js', '/assets/swagger-ui.css', '/reference.js']) expect((await fetch(`${reference.url}${asset}`)).status).toBe(200);
    expect(await (await fetch(`${reference.url}/reference.js`)).text()).toContain('validatorUrl: null');
    const document = await (await fetch(`${reference.url}/openapi.json`)).json() as { servers: Array<{ url: string }>; paths: object; info: { description: string } };
    expect(document.servers.map((server) => server.url)).toEqual([reference.url]);
    expect(Object.keys(document.paths)).toHaveLength(OPERATIONS.length);
    expect(document.info.description).toContain(`http://127.0.0.1:${apiPort}`);
  });

  it('serves nothing else: no other file of node_modules, no path outside the document', async () => {
    for (const path of ['/assets/package.json', '/assets/..%2F..%2Fpackage.json', '/assets/swagger-ui-bundle.js.map', '/api/v1/nowhere', '/openapi.yaml']) {
      const response = await fetch(`${reference.url}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
    expect((await post('/', '{}')).status).toBe(405);
    expect(seen).toEqual({});
  });

  it('passes a route of the document to the HTTP API as sent, and its answer back with status, type and correlation id', async () => {
    const response = await post('/api/v1/user/info', '{"userId":50000104652,"userId":1}');
    expect(seen).toMatchObject({ method: 'POST', url: '/api/v1/user/info', body: '{"userId":50000104652,"userId":1}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-km-correlation-id')).toBe('251125120000-abcdef0');
    expect(response.headers.get('x-internal')).toBeNull();
    expect(await response.json()).toEqual({ userInfo: { userId: 50000104652 } });
  });

  it('passes the API\'s refusals back unchanged', async () => {
    answer = (res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"type":"KonaplateInvalidRequest","field":"","rule":"duplicate key \\"userId\\""}}');
    };
    const response = await post('/api/v1/user/info', '{}');
    expect([response.status, (await response.json() as { error: { type: string } }).error.type]).toEqual([400, 'KonaplateInvalidRequest']);
  });

  it('answers 502 naming the address when the HTTP API does not answer', async () => {
    const down = await startReferenceServer({ port: 0, apiPort: 1 }) as Reference;
    try {
      const response = await fetch(`${down.url}/api/v1/user/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(502);
      expect((await response.json() as { error: { message: string } }).error.message).toMatch(/^the local HTTP API at http:\/\/127\.0\.0\.1:1 did not answer \(ECONNREFUSED\)/);
    } finally {
      await down.close();
    }
  });

  it('answers 502 when the HTTP API takes the request and never answers', async () => {
    const slow = await startReferenceServer({ port: 0, apiPort, proxyTimeoutMs: 300 }) as Reference;
    answer = () => undefined;
    try {
      const response = await fetch(`${slow.url}/api/v1/user/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(502);
      expect((await response.json() as { error: { message: string } }).error.message).toContain('did not answer (no answer within 300 ms)');
    } finally {
      await slow.close();
      api.closeAllConnections();
    }
  });

  it('breaks its own answer off when the API breaks off mid-answer, rather than pass a truncated body as whole', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"userInfo":');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${reference.url}/api/v1/user/info`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve('complete'));
        res.on('error', () => resolve('aborted'));
        res.on('aborted', () => resolve('aborted'));
      });
      req.on('error', () => resolve('aborted'));
      req.end('{}');
    });
    expect(outcome).toBe('aborted');
  });

  it('refuses a body over 1 MiB without passing it on', async () => {
    const response = await post('/api/v1/user/info', `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`).catch(() => undefined);
    if (response) expect(response.status).toBe(413);
    expect(seen).toEqual({});
  });
});
