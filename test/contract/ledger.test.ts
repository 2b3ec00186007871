/** The money ledger's conditional writes, in DynamoDB (dynalite) and in memory alike. */
import { GetItemCommand, PutItemCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoLedger } from '../../lib/money/dynamodb-ledger';
import { ledgerIdOf, MemoryLedger, splitLedgerId, type Ledger } from '../../lib/money/ledger';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

const stores: Array<[string, () => Ledger]> = [
  ['dynamodb', () => new DynamoLedger(dynamo.table, dynamo.client)],
  ['memory', () => new MemoryLedger()],
];
let counter = 0;
const newId = () => `chargeByBankAccount#SEQ${Date.now()}${(counter += 1)}`;

describe.each(stores)('%s ledger', (_name, make) => {
  it('lets exactly one of 20 concurrent claims win', async () => {
    const store = make();
    const id = newId();
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim({ id, requestHash: 'h', owner: `o${i}`, leaseUntil: Date.now() + 5000 })));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const winner = claims.find((c) => c.claimed)!.record.owner;
    for (const c of claims.filter((c) => !c.claimed)) expect(c.record).toMatchObject({ state: 'IN_FLIGHT', owner: winner });
  });

  it('lets only the owner finish, and keeps the stored answer', async () => {
    const store = make();
    const id = newId();
    await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: Date.now() + 5000 });
    await store.markSent(id, 'b', 99);
    await store.markSent(id, 'a', 123);
    await store.markSent(id, 'a', 456);
    await store.finish(id, 'b', 'DONE', 'intruder');
    await store.finish(id, 'a', 'DONE', '{"ok":true}');
    const again = await store.claim({ id, requestHash: 'h', owner: 'c', leaseUntil: 0 });
    expect(again).toEqual({ claimed: false, record: expect.objectContaining({ state: 'DONE', result: '{"ok":true}', sentAt: 123, owner: 'a' }) });
  });

  it('hands the claimant the record it created: IN_FLIGHT, never sent, its lease, the facts it was claimed with (kept)', async () => {
    const store = make();
    const id = newId();
    const created = { id, requestHash: 'h', owner: 'a', leaseUntil: 42, createdAt: 41, state: 'IN_FLIGHT', sentAt: 0, facts: '{"userId":1}' };
    expect(await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: 42, createdAt: 41, facts: '{"userId":1}' })).toEqual({ claimed: true, record: created });
    expect(await store.read(id)).toEqual(created);
  });

  it('takes over nothing it does not hold: a missing record, a DONE one even past its lease, an IN_FLIGHT one until its lease has passed', async () => {
    const store = make();
    expect(await store.takeOver(newId(), 'b', 1, Date.now())).toBeUndefined();
    const done = newId();
    await store.claim({ id: done, requestHash: 'h', owner: 'a', leaseUntil: 1000 });
    await store.finish(done, 'a', 'DONE', '{"ok":true}');
    expect(await store.takeOver(done, 'b', 1, 5000)).toBeUndefined();
    const inFlight = newId();
    await store.claim({ id: inFlight, requestHash: 'h', owner: 'a', leaseUntil: 1000 });
    expect(await store.takeOver(inFlight, 'b', 2000, 1000)).toBeUndefined();
    expect(await store.takeOver(inFlight, 'b', 2000, 1001)).toMatchObject({ owner: 'a', leaseUntil: 1000 });
    // Taken over: IN_FLIGHT again, for its new owner and lease.
    expect((await store.claim({ id: inFlight, requestHash: 'h', owner: 'c', leaseUntil: 0 })).record).toMatchObject({ state: 'IN_FLIGHT', owner: 'b', leaseUntil: 2000 });
  });

  it('keeps a stored answer when the owner later finishes without one', async () => {
    const store = make();
    const id = newId();
    await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: Date.now() + 5000 });
    await store.finish(id, 'a', 'PENDING', '{"pending":true}');
    await store.finish(id, 'a', 'UNKNOWN');
    expect((await store.claim({ id, requestHash: 'h', owner: 'c', leaseUntil: 0 })).record).toMatchObject({ state: 'UNKNOWN', result: '{"pending":true}' });
  });

  it('lets one taker resolve a PENDING record', async () => {
    const store = make();
    const id = newId();
    await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: Date.now() + 60_000 });
    await store.finish(id, 'a', 'PENDING', '{"pending":true}');
    const takers = await Promise.all(['c', 'd'].map((owner) => store.takeOver(id, owner, Date.now() + 5000, Date.now())));
    expect(takers.filter(Boolean)).toEqual([expect.objectContaining({ state: 'PENDING', result: '{"pending":true}' })]);
  });

  it('lets one taker resolve an UNKNOWN record, and takes over an IN_FLIGHT one only after its lease', async () => {
    const store = make();
    const id = newId();
    await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: Date.now() + 60_000 });
    expect(await store.takeOver(id, 'b', Date.now() + 5000, Date.now())).toBeUndefined();
    expect(await store.takeOver(id, 'b', Date.now() + 5000, Date.now() + 120_000)).toMatchObject({ state: 'IN_FLIGHT', owner: 'a' });
    await store.finish(id, 'b', 'UNKNOWN');
    const takers = await Promise.all(['c', 'd', 'e'].map((owner) => store.takeOver(id, owner, Date.now() + 5000, Date.now())));
    expect(takers.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a released record so the request can be made afresh', async () => {
    const store = make();
    const id = newId();
    await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: Date.now() + 5000 });
    await store.release(id, 'x');
    expect((await store.claim({ id, requestHash: 'h', owner: 'b', leaseUntil: 0 })).claimed).toBe(false);
    await store.release(id, 'a');
    expect((await store.claim({ id, requestHash: 'h', owner: 'b', leaseUntil: 0 })).claimed).toBe(true);
  });
});

describe.each(stores)('%s ledger: open records and card locks', (name, make) => {
  it('lists exactly the records not DONE, oldest first, with their age and when they were sent', async () => {
    const store = make();
    const base = Date.now() - 3_600_000;
    const ids = ['A', 'B', 'C', 'D'].map((suffix) => `paymentApprove#OPEN${suffix}${(counter += 1)}`);
    // Claimed newest first: listed oldest first all the same.
    for (const [i, id] of [...ids.entries()].reverse()) await store.claim({ id, requestHash: 'h', owner: 'o', leaseUntil: base, createdAt: base + i * 1000 });
    await store.markSent(ids[1]!, 'o', base + 1500, '{"par":"P"}');
    await store.finish(ids[1]!, 'o', 'UNKNOWN');
    await store.finish(ids[2]!, 'o', 'DONE', '{}');
    const open: Array<Record<string, unknown>> = [];
    for await (const record of store.listOpen()) if (ids.includes(record.id)) open.push(record);
    expect(open).toEqual([
      { id: ids[0], state: 'IN_FLIGHT', sentAt: 0, createdAt: base, leaseUntil: base },
      { id: ids[1], state: 'UNKNOWN', sentAt: base + 1500, createdAt: base + 1000, leaseUntil: base },
      { id: ids[3], state: 'IN_FLIGHT', sentAt: 0, createdAt: base + 3000, leaseUntil: base },
    ]);
    expect(await store.read(ids[1]!)).toMatchObject({ facts: '{"par":"P"}', state: 'UNKNOWN' });
    expect(await store.read('paymentApprove#NONE')).toBeUndefined();
  });

  if (name === 'dynamodb') {
    it('never lets an open record expire: the TTL attribute is set when it is DONE', async () => {
      const store = make();
      const id = newId();
      await store.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: Date.now() + 5000 });
      const raw = async () => (await dynamo.client.send(new GetItemCommand({ TableName: dynamo.table, Key: { id: { S: id } } }))).Item!;
      expect(Object.keys(await raw())).not.toContain('expiresAt');
      expect((await raw()).open).toEqual({ S: 'OPEN' });
      await store.finish(id, 'a', 'UNKNOWN');
      expect(Object.keys(await raw())).not.toContain('expiresAt');
      await store.finish(id, 'a', 'DONE', '{}');
      const done = await raw();
      expect(Number(done.expiresAt!.N)).toBeGreaterThan(Date.now() / 1000 + 6 * 24 * 3600);
      expect(done.open).toBeUndefined();
    });
  }

  it('holds a card lock for one record at a time; hands over one whose record is gone; lets go only for its holder', async () => {
    const store = make();
    const lock = `lock#00AUTH#PAR${(counter += 1)}#1000`;
    const holders = await Promise.all(['r1', 'r2', 'r3'].map((record) => store.hold(lock, record)));
    const winner = holders[0]!;
    expect(new Set(holders)).toEqual(new Set([winner]));
    expect(await store.hold(lock, winner)).toBe(winner);
    expect(await store.handOver(lock, 'someone-else', 'r9')).toBe(false);
    expect(await store.handOver(lock, winner, 'r9')).toBe(true);
    await store.letGo(lock, winner);
    expect(await store.hold(lock, 'r8')).toBe('r9');
    await store.letGo(lock, 'r9');
    expect(await store.hold(lock, 'r8')).toBe('r8');
  });
});

describe('the DynamoDB ledger', () => {
  it('keeps each settled record 7 days (the table\'s TTL attribute expiresAt), then DynamoDB removes it', async () => {
    const ledger = new DynamoLedger(dynamo.table, dynamo.client);
    const id = newId();
    await ledger.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: 0 });
    await ledger.finish(id, 'a', 'DONE', '{}');
    const { Item } = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.table, Key: { id: { S: id } } }));
    const expected = Math.floor(Date.now() / 1000) + 7 * 24 * 3600;
    expect(Number(Item!.expiresAt!.N)).toBeGreaterThan(expected - 60);
    expect(Number(Item!.expiresAt!.N)).toBeLessThanOrEqual(expected);
  });

  it('fails every step when DynamoDB fails (a table that does not exist): never taken as a lost race', async () => {
    const ledger = new DynamoLedger(`${dynamo.table}-missing`, dynamo.client);
    const id = newId();
    await expect(ledger.claim({ id, requestHash: 'h', owner: 'a', leaseUntil: 0 })).rejects.toThrow(ResourceNotFoundException);
    await expect(ledger.markSent(id, 'a', 1)).rejects.toThrow(ResourceNotFoundException);
    await expect(ledger.takeOver(id, 'a', 1, 1)).rejects.toThrow(ResourceNotFoundException);
    await expect(ledger.finish(id, 'a', 'DONE', '{}')).rejects.toThrow(ResourceNotFoundException);
    await expect(ledger.release(id, 'a')).rejects.toThrow(ResourceNotFoundException);
  });

  /** A client that answers each command in turn from `answers` (a value, or an error to throw), recording the commands. */
  function scripted(answers: unknown[]) {
    const sent: any[] = [];
    const client = {
      send: async (command: { input: unknown }) => {
        sent.push(command.input);
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next;
      },
    };
    return { sent, ledger: new DynamoLedger('t', client as unknown as DynamoDBClient) };
  }
  // Raised by another copy of the SDK than the one this module imports: known by its name only.
  const lostRace = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

  it('takes a conditional failure known only by its name as a lost race (markSent says it was not marked: the request is then not sent)', async () => {
    const { ledger } = scripted([lostRace(), lostRace(), lostRace()]);
    await expect(ledger.markSent('x', 'a', 1)).resolves.toBe(false);
    await expect(ledger.takeOver('x', 'a', 1, 1)).resolves.toBeUndefined();
    await expect(ledger.release('x', 'a')).resolves.toBeUndefined();
  });

  it('reads a record written before createdAt existed as created when it was first sent', async () => {
    const ledger = new DynamoLedger(dynamo.table, dynamo.client);
    const id = newId();
    await dynamo.client.send(new PutItemCommand({
      TableName: dynamo.table,
      Item: { id: { S: id }, state: { S: 'UNKNOWN' }, requestHash: { S: 'h' }, owner: { S: 'a' }, leaseUntil: { N: '5' }, sentAt: { N: '7' } },
    }));
    expect(await ledger.read(id)).toEqual({ id, state: 'UNKNOWN', requestHash: 'h', owner: 'a', leaseUntil: 5, sentAt: 7, createdAt: 7 });
  });

  it('reads a record and a lock\'s holder with strongly consistent reads, and holds a lock again if it was let go between its write and its read', async () => {
    const record = { id: { S: 'x' }, state: { S: 'UNKNOWN' }, requestHash: { S: 'h' }, owner: { S: 'a' }, leaseUntil: { N: '1' }, sentAt: { N: '1' }, createdAt: { N: '1' } };
    const { sent, ledger } = scripted([{ Item: record }, lostRace(), {}, {}]);
    expect(await ledger.read('x')).toMatchObject({ id: 'x', state: 'UNKNOWN' });
    expect(await ledger.hold('lock#L', 'r1')).toBe('r1');
    expect(sent).toHaveLength(4);
    expect(sent[0]).toMatchObject({ Key: { id: { S: 'x' } }, ConsistentRead: true });
    expect(sent[2]).toMatchObject({ Key: { id: { S: 'lock#L' } }, ConsistentRead: true });
    expect(sent[3]).toMatchObject({ Item: { id: { S: 'lock#L' }, holder: { S: 'r1' } } });
  });

  it('lists the open records of every page of the index, from where the last page stopped', async () => {
    const open = (id: string) => ({ id: { S: id }, state: { S: 'UNKNOWN' }, sentAt: { N: '2' }, createdAt: { N: '1' }, leaseUntil: { N: '3' } });
    const { sent, ledger } = scripted([{ Items: [open('a')], LastEvaluatedKey: { id: { S: 'a' } } }, { LastEvaluatedKey: { id: { S: 'b' } } }, { Items: [open('c')] }]);
    const listed: string[] = [];
    for await (const record of ledger.listOpen()) listed.push(record.id);
    expect(listed).toEqual(['a', 'c']);
    expect(sent.map((query) => query.ExclusiveStartKey)).toEqual([undefined, { id: { S: 'a' } }, { id: { S: 'b' } }]);
    expect(sent[0]).toMatchObject({ IndexName: 'open-records', KeyConditionExpression: '#open = :open' });
  });

  it('reads the record it lost to with a strongly consistent read, and claims again if it was released meanwhile', async () => {
    const { sent, ledger } = scripted([lostRace(), {}, {}]);
    const claim = await ledger.claim({ id: 'x', requestHash: 'h', owner: 'a', leaseUntil: 1 });
    expect(claim).toMatchObject({ claimed: true, record: { id: 'x', owner: 'a', state: 'IN_FLIGHT' } });
    expect(sent).toHaveLength(3);
    expect(sent[1]).toMatchObject({ Key: { id: { S: 'x' } }, ConsistentRead: true });
  });
});

it('names a record by operation and key, split at the first "#" (a key may hold one); an id without one names an operation and no key', () => {
  expect(ledgerIdOf('paymentCancel', 'NR#1')).toBe('paymentCancel#NR#1');
  expect(splitLedgerId('paymentCancel#NR#1')).toEqual({ operation: 'paymentCancel', key: 'NR#1' });
  expect(splitLedgerId('paymentCancel')).toEqual({ operation: 'paymentCancel', key: '' });
  expect(splitLedgerId('#NR')).toEqual({ operation: '', key: 'NR' });
});
