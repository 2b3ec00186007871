/** The money ledger's conditional writes, in DynamoDB (dynalite) and in memory alike. */
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
