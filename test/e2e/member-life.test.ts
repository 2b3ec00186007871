/**
 * A member's whole life through the local stack (serverless-offline, the sandbox platform, local
 * Secrets Manager and DynamoDB): sign-up, terms, bank account by ARS, a charge, a card, its
 * suspension, the charge cancelled, the card discarded, the membership cancelled. Each step checks
 * what the platform now holds, not only that the call succeeded.
 */
import { memberLife } from '../../scripts/member-life';
import { E2E_PORTS, startTestStack, type RunningStack } from '../support/local-stack';

jest.setTimeout(180_000);

let stack: RunningStack;

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${stack.ports.http}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

beforeAll(async () => {
  // Ports of its own (the other end-to-end file's + 1000), moved by E2E_PORT_OFFSET like theirs.
  const ports = Object.fromEntries(Object.entries(E2E_PORTS).map(([name, port]) => [name, port + 1000])) as typeof E2E_PORTS;
  stack = await startTestStack(ports);
});

afterAll(async () => {
  await stack?.stop();
});

it('runs a member from sign-up to cancellation (the same steps as `npm run scenario`)', async () => {
  const steps: string[] = [];
  await memberLife({ http: `http://127.0.0.1:${stack.ports.http}`, lambda: `http://127.0.0.1:${stack.ports.lambda}` }, (line) => steps.push(line));
  expect(steps).toHaveLength(17);
});

it('serves every OpenAPI route: a valid request reaches the platform and gets a typed answer, an invalid one a 400', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const doc = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/openapi.json'), 'utf8')) as { paths: Record<string, { post: any }> };
  const routes = Object.keys(doc.paths);
  expect(routes.length).toBeGreaterThanOrEqual(49);
  const recorded = async () => ((await (await fetch(`http://127.0.0.1:${stack.ports.sandbox}/__sandbox/requests`)).json()) as { requests: Array<{ path: string }> }).requests;
  const outcomes: Record<string, string> = {};
  for (const route of routes) {
    const example = doc.paths[route]!.post.requestBody.content['application/json'].example;
    const invalid = await post(route, { ...(example ?? {}), zz: 1 });
    expect({ route, status: invalid.status, type: invalid.body.error?.type }).toEqual({ route, status: 400, type: 'KonaplateInvalidRequest' });
    if (example === undefined) continue;
    expect(invalid.body.error.field).toBe('zz');
    const before = (await recorded()).length;
    const valid = await post(route, example);
    outcomes[route] = `${valid.status} ${valid.body.error?.type ?? 'ok'}`;
    expect({ route, serverError: valid.status >= 500 }).toEqual({ route, serverError: false });
    const after = await recorded();
    expect(after.length).toBeGreaterThan(before);
    const properties = doc.paths[route]!.post.requestBody.content['application/json'].schema.properties as Record<string, Record<string, unknown>>;
    if (Object.values(properties).some((field) => field['x-gateway-only'] === true)) {
      // The example's made-up card: the platform will not show its history, so the money request is refused before it is sent.
      expect({ route, type: valid.body.error?.type, field: valid.body.error?.field }).toEqual({ route, type: 'KonaplateInvalidRequest', field: 'par' });
      expect(after.slice(before).map((r) => r.path)).toEqual(['/open-api/api/v1/transaction/card']);
      continue;
    }
    expect({ route, invalidRequest: valid.body.error?.type === 'KonaplateInvalidRequest' }).toEqual({ route, invalidRequest: false });
    expect(after.slice(before).map((r) => r.path)).toContain(`/open-api${route}`);
  }
  expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(routes.length / 2);
});
