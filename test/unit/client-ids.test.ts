/**
 * Ids beyond 2^53 through the caller client, both ways and over both transports, never rounded:
 * sent as bare JSON digits over HTTP and as decimal strings by direct invoke (what each gateway
 * path reads exactly); answered as bigint either way (numbers within 2^53), where the catalog says
 * a field is an id, and only there: other strings of digits stay strings.
 */
import { fakeGateway, type FakeGateway, type Transport } from '../support/fake-gateway';

const BIG = 9223372036854775807n;
let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe.each<Transport>(['http', 'invoke'])('over %s', (transport) => {
  it('sends a bigint id with every digit', async () => {
    gateway = await fakeGateway(() => ({ answer: {} }));
    const client = gateway.client(transport);
    await client.bankAccountInquiry({ userId: BIG });
    await client.bankAccountInquiry({ userId: '9223372036854775806' });
    await client.bankAccountInquiry({ userId: 50000104652 });
    expect(gateway.received.map((r) => r.text)).toEqual(
      transport === 'http'
        ? ['{"userId":9223372036854775807}', '{"userId":"9223372036854775806"}', '{"userId":50000104652}']
        : ['{"userId":"9223372036854775807"}', '{"userId":"9223372036854775806"}', '{"userId":50000104652}'],
    );
  });

  it('answers ids beyond 2^53 as bigint and the others as numbers, leaving other digit strings alone', async () => {
    gateway = await fakeGateway((received) =>
      received.operation === 'memberInfo'
        ? { answer: { userInfo: { userId: BIG, aspId: '000170000000000', mobileNumber: '01012345678901234' } } }
        : { answer: { termsList: [{ tcId: BIG - 1n, title: 'a' }, { tcId: 29184, title: 'b' }] } });
    const client = gateway.client(transport);
    const info = await client.memberInfo({ userId: BIG });
    expect(info.userInfo.userId).toBe(BIG);
    expect(info.userInfo.mobileNumber).toBe('01012345678901234');
    const { termsList } = await client.termsList({ userId: BIG });
    expect(termsList.map((t) => t.tcId)).toEqual([BIG - 1n, 29184]);
  });
});
