/** The local Secrets Manager, driven by the real AWS SDK the gateway uses. */
import {
  CreateSecretCommand, GetSecretValueCommand, InvalidParameterException, PutSecretValueCommand, ResourceExistsException,
  ResourceNotFoundException, SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startSecretsManager, type SecretsManagerHandle } from '../../sandbox/aws/secrets-manager';

const SECRET = JSON.stringify({ aspId: '000170000000000', accessKey: 'k', secretKey: 's', timeZone: 'KST', cryptoKeys: [] });

let manager: SecretsManagerHandle;
let client: SecretsManagerClient;
const saved = { ...process.env };

beforeAll(async () => {
  manager = await startSecretsManager({ secrets: { 'konaplate/sandbox': SECRET } });
  // The way the gateway finds it locally: the SDK's per-service endpoint variable, fake credentials.
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = manager.url;
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_REGION = 'ap-northeast-2';
  client = new SecretsManagerClient({});
});
afterAll(async () => {
  client.destroy();
  process.env = saved;
  await manager.close();
});
beforeEach(() => manager.resetCalls());

it('answers GetSecretValue by name and counts the calls', async () => {
  const answer = await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/sandbox' }));
  expect(answer.SecretString).toBe(SECRET);
  expect(answer.Name).toBe('konaplate/sandbox');
  expect(answer.ARN).toMatch(/^arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:konaplate\/sandbox-[0-9a-f]{6}$/);
  expect(answer.VersionStages).toEqual(['AWSCURRENT']);
  expect(answer.CreatedDate).toBeInstanceOf(Date);
  expect(manager.calls()).toBe(1);
  expect(manager.callsFor('konaplate/sandbox')).toBe(1);
});

it('answers by full ARN and by partial ARN', async () => {
  const { ARN } = await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/sandbox' }));
  expect((await client.send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString).toBe(SECRET);
  const partial = ARN!.replace(/-[0-9a-f]{6}$/, '');
  expect((await client.send(new GetSecretValueCommand({ SecretId: partial }))).SecretString).toBe(SECRET);
  expect(manager.callsFor('konaplate/sandbox')).toBe(3);
});

it('throws ResourceNotFoundException for an unknown secret, and counts it', async () => {
  const error = await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/nothing' })).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ResourceNotFoundException);
  expect((error as Error).message).toBe("Secrets Manager can't find the specified secret.");
  expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
  expect(manager.calls()).toBe(1);
  expect(manager.callsFor('konaplate/nothing')).toBe(1);
});

it('serves a rotated value with a new VersionId, and forgets a deleted secret', async () => {
  const before = await client.send(new GetSecretValueCommand({ SecretId: 'rotating' })).catch((caught: unknown) => caught);
  expect(before).toBeInstanceOf(ResourceNotFoundException);
  manager.setSecret('rotating', 'v1');
  const v1 = await client.send(new GetSecretValueCommand({ SecretId: 'rotating' }));
  manager.setSecret('rotating', 'v2');
  const v2 = await client.send(new GetSecretValueCommand({ SecretId: 'rotating' }));
  expect([v1.SecretString, v2.SecretString]).toEqual(['v1', 'v2']);
  expect(v2.VersionId).not.toBe(v1.VersionId);
  expect(v2.ARN).toBe(v1.ARN);
  expect(manager.deleteSecret('rotating')).toBe(true);
  await expect(client.send(new GetSecretValueCommand({ SecretId: 'rotating' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

it('creates a secret with CreateSecret, its first version named by the client request token', async () => {
  const created = await client.send(new CreateSecretCommand({ Name: 'konaplate/created', SecretString: '{"a":1}', KmsKeyId: 'arn:aws:kms:ap-northeast-2:111122223333:key/k' }));
  expect(created.ARN).toMatch(/^arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:konaplate\/created-[0-9a-f]{6}$/);
  expect(created.Name).toBe('konaplate/created');
  const read = await client.send(new GetSecretValueCommand({ SecretId: created.ARN }));
  expect([read.SecretString, read.VersionId]).toEqual(['{"a":1}', created.VersionId]);

  const again = await client.send(new CreateSecretCommand({ Name: 'konaplate/created', SecretString: '{"a":2}' })).catch((caught: unknown) => caught);
  expect(again).toBeInstanceOf(ResourceExistsException);
  expect((again as Error).message).toBe('The operation failed because the secret konaplate/created already exists.');
  // A retry of the very request (same token, same value) is answered, not refused.
  const token = '11111111-2222-3333-4444-555555555555';
  const first = await client.send(new CreateSecretCommand({ Name: 'konaplate/retried', SecretString: 'v', ClientRequestToken: token }));
  const retry = await client.send(new CreateSecretCommand({ Name: 'konaplate/retried', SecretString: 'v', ClientRequestToken: token }));
  expect([first.VersionId, retry.VersionId, retry.ARN]).toEqual([token, token, first.ARN]);
});

it('a secret created without a value has no current version yet', async () => {
  const created = await client.send(new CreateSecretCommand({ Name: 'konaplate/empty' }));
  expect(created.VersionId).toBeUndefined();
  const read = await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/empty' })).catch((caught: unknown) => caught);
  expect(read).toBeInstanceOf(ResourceNotFoundException);
  expect((read as Error).message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
});

it('refuses a secret name with characters AWS does not allow', async () => {
  const error = await client.send(new CreateSecretCommand({ Name: 'konaplate prod', SecretString: 'x' })).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidParameterException);
});

it('stores a new version with PutSecretValue, by name or ARN, and only for a secret that exists', async () => {
  const created = await client.send(new CreateSecretCommand({ Name: 'konaplate/put', SecretString: 'v1' }));
  const put = await client.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'v2' }));
  expect([put.ARN, put.Name, put.VersionStages]).toEqual([created.ARN, 'konaplate/put', ['AWSCURRENT']]);
  expect(put.VersionId).not.toBe(created.VersionId);
  const read = await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/put' }));
  expect([read.SecretString, read.VersionId]).toEqual(['v2', put.VersionId]);

  // A version never changes: the same token with another value is refused.
  const reused = await client.send(new PutSecretValueCommand({ SecretId: 'konaplate/put', SecretString: 'v3', ClientRequestToken: put.VersionId })).catch((caught: unknown) => caught);
  expect(reused).toBeInstanceOf(ResourceExistsException);
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/put' }))).SecretString).toBe('v2');

  const missing = await client.send(new PutSecretValueCommand({ SecretId: 'konaplate/absent', SecretString: 'x' })).catch((caught: unknown) => caught);
  expect(missing).toBeInstanceOf(ResourceNotFoundException);
});

it('refuses other operations with UnknownOperationException, prototype names included', async () => {
  for (const target of ['secretsmanager.RotateSecret', 'secretsmanager.toString', 'secretsmanager.constructor']) {
    const res = await fetch(manager.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target },
      body: JSON.stringify({ SecretId: 'konaplate/sandbox' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  }
});

it('offers the same over HTTP for tests in another process', async () => {
  const put = await fetch(`${manager.url}/__secrets/konaplate/other`, { method: 'PUT', body: '{"x":1}' });
  expect(put.status).toBe(200);
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'konaplate/other' }))).SecretString).toBe('{"x":1}');
  expect(await (await fetch(`${manager.url}/__calls`)).json()).toMatchObject({ GetSecretValue: 1 });
  expect((await fetch(`${manager.url}/__secrets/konaplate/other`, { method: 'DELETE' })).status).toBe(200);
  await expect(client.send(new GetSecretValueCommand({ SecretId: 'konaplate/other' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});
