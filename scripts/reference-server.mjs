// The API reference of `npm start`: Swagger UI (swagger-ui-dist, served from node_modules: no CDN)
// over docs/openapi.json, and a same-origin proxy to the local HTTP API, so "Try it out" works with
// no CORS anywhere (serverless-offline and the deployed API answer no cross-origin request).
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { pipeline } from 'node:stream';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SWAGGER_UI = path.dirname(require.resolve('swagger-ui-dist/package.json'));
/** What the page loads from swagger-ui-dist; nothing else of node_modules is reachable. */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
/** The gateway refuses bodies over 16 KiB; the proxy stops reading well past that. */
const MAX_PROXIED_BYTES = 1024 * 1024;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>konaplate-gateway API reference (local)</title>
  <link rel="stylesheet" href="/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/assets/swagger-ui-bundle.js"></script>
  <script src="/reference.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const INITIALIZER = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  displayOperationId: true,
  displayRequestDuration: true,
  defaultModelsExpandDepth: -1,
  docExpansion: 'list',
  filter: true,
  validatorUrl: null,
});
`;

/** docs/openapi.json with this server as its only server, so "Try it out" stays same-origin. */
export function localDocument(document, origin, apiOrigin) {
  return {
    ...document,
    info: {
      ...document.info,
      description: `${document.info.description ?? ''}\n\n**Local stack.** "Try it out" sends each request through this page's server to the local HTTP API (${apiOrigin}, serverless-offline), which calls the sandbox platform. There is no authorization locally; deployed, every route needs SigV4 (IAM).`.trim(),
    },
    servers: [{ url: origin, description: `npm start: the local HTTP API (${apiOrigin}) through the reference server` }],
  };
}

function send(response, status, type, body, headers = {}) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

const sendError = (response, status, message) =>
  send(response, status, 'application/json', JSON.stringify({ error: { type: 'LocalReferenceServer', message } }));

function proxy(request, response, apiPort, timeoutMs) {
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_PROXIED_BYTES) {
      sendError(response, 413, `request body over ${MAX_PROXIED_BYTES} bytes`);
      request.destroy();
    } else chunks.push(chunk);
  });
  request.on('end', () => {
    if (response.headersSent) return;
    const body = Buffer.concat(chunks);
    const headers = { 'content-length': String(body.length) };
    if (request.headers['content-type']) headers['content-type'] = request.headers['content-type'];
    const upstream = httpRequest({ host: '127.0.0.1', port: apiPort, method: request.method, path: request.url, headers }, (answer) => {
      const passed = {};
      for (const name of ['content-type', 'x-km-correlation-id']) if (answer.headers[name]) passed[name] = answer.headers[name];
      response.writeHead(answer.statusCode ?? 502, passed);
      // An answer broken off mid-body breaks this one off too: the browser must not take a part for the whole.
      pipeline(answer, response, (error) => {
        if (error) response.destroy();
      });
    });
    // serverless-offline ends a function after its 15 s timeout; past this, something is stuck.
    upstream.setTimeout(timeoutMs, () => upstream.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })));
    upstream.on('error', (error) => {
      if (!response.headersSent) sendError(response, 502, `the local HTTP API at http://127.0.0.1:${apiPort} did not answer (${error.code === 'TIMEOUT' ? error.message : error.code ?? error.message}); is serverless-offline still running?`);
      else response.destroy();
    });
    upstream.end(body);
  });
}

/**
 * Serves the reference on 127.0.0.1:port: `/` the page, `/openapi.json` the document, and every
 * route of the document proxied to the HTTP API on apiPort. Resolves to { url, close }.
 */
export async function startReferenceServer({ port = 0, apiPort, host = '127.0.0.1', documentPath = path.join(ROOT, 'docs/openapi.json'), proxyTimeoutMs = 60_000 }) {
  const document = JSON.parse(readFileSync(documentPath, 'utf8'));
  const routes = new Set(Object.keys(document.paths));
  let served;
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://local');
    if (routes.has(pathname)) return proxy(request, response, apiPort, proxyTimeoutMs);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, `${request.method} ${pathname}: only the document's routes take requests`);
    if (pathname === '/' || pathname === '/index.html') return send(response, 200, 'text/html; charset=utf-8', PAGE);
    if (pathname === '/reference.js') return send(response, 200, 'text/javascript; charset=utf-8', INITIALIZER);
    if (pathname === '/openapi.json') return send(response, 200, 'application/json', served);
    const asset = pathname.startsWith('/assets/') ? pathname.slice('/assets/'.length) : undefined;
    if (asset && Object.hasOwn(ASSETS, asset)) return send(response, 200, ASSETS[asset], readFileSync(path.join(SWAGGER_UI, asset)), { 'cache-control': 'max-age=3600' });
    return sendError(response, 404, `${pathname} is not part of the reference`);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  served = JSON.stringify(localDocument(document, url, `http://${host}:${apiPort}`));
  // Keep-alive sockets of a browser left open would hold close() forever.
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { url, close };
}
