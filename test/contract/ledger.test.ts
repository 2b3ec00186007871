/** The money ledger's conditional writes, in DynamoDB (dynalite) and in memory alike. */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoLedger } from '../../lib/money/dynamodb-ledger';
import { MemoryLedger, type Ledger } from '../../lib/money/ledger';
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
    await store.markSent(id, 'a', 123);
    await store.finish(id, 'b', 'DONE', 'intruder');
    await store.finish(id, 'a', 'DONE', '{"ok":true}');
    const again = await store.claim({ id, requestHash: 'h', owner: 'c', leaseUntil: 0 });
    expect(again).toEqual({ claimed: false, record: expect.objectContaining({ state: 'DONE', result: '{"ok":true}', sentAt: 123, owner: 'a' }) });
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
    for (const [i, id] of ids.entries()) await store.claim({ id, requestHash: 'h', owner: 'o', leaseUntil: base, createdAt: base + i * 1000 });
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
