import { firstLocation, SandboxHarness, seedProduct } from './sandbox-test.harness';

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) {
  orderCreate(order: $order) { order { id sourceIdentifier poNumber } userErrors { field message } }
}`;
const SEARCH = `query($q: String!) { orders(first: 20, query: $q) { nodes { sourceIdentifier poNumber } } }`;

describe('orders(query:) by source_identifier and po_number', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;

  const search = async (q: string): Promise<(string | null)[]> => {
    const res = await h.gql(shop, token, SEARCH, { q });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.orders.nodes.map((n: { sourceIdentifier: string | null }) => n.sourceIdentifier);
  };

  beforeAll(async () => {
    h = await SandboxHarness.start();
    ({ shop, staffAccessToken: token } = await h.createShop('search-shop'));
    const location = await firstLocation(h, shop, token);
    const product = await seedProduct(h, shop, token, location, [{ sku: 'SRCH-1', qty: 50 }]);
    const variantId = product.variants.nodes[0].id;
    // Identifiers as a JOOR export writes them: colons and dashes, and one that only differs by a suffix.
    for (const [sourceIdentifier, poNumber] of [
      ['joor:acct-1:1001:1', 'PO-7781'],
      ['joor:acct-1:1001:10', 'PO-7781-B'],
      ['joor:acct-2:1001:1', 'po 9'],
      [null, null],
    ]) {
      const res = await h.gql(shop, token, ORDER_CREATE, {
        order: { lineItems: [{ variantId, quantity: 1 }], sourceName: 'joor', sourceIdentifier, poNumber },
      });
      expect(res.body.data.orderCreate.userErrors).toEqual([]);
    }
  });
  afterAll(() => h.stop());

  it('matches source_identifier exactly, quoted or escaped, whatever the case', async () => {
    expect(await search("source_identifier:'joor:acct-1:1001:1'")).toEqual(['joor:acct-1:1001:1']);
    expect(await search('source_identifier:"JOOR:ACCT-1:1001:1"')).toEqual(['joor:acct-1:1001:1']);
    expect(await search('source_identifier:joor:acct-1:1001:10')).toEqual(['joor:acct-1:1001:10']);
    expect(await search('source_identifier:joor\\:acct-2\\:1001\\:1')).toEqual(['joor:acct-2:1001:1']);
    expect(await search("source_identifier:'joor:acct-1:1001'")).toEqual([]);
    expect(await search("source_identifier:'joor:acct-1:1001:1' OR source_identifier:'joor:acct-2:1001:1'")).toEqual([
      'joor:acct-1:1001:1',
      'joor:acct-2:1001:1',
    ]);
    expect(await search("-source_identifier:'joor:acct-1:1001:1' source_name:joor")).toEqual([
      'joor:acct-1:1001:10',
      'joor:acct-2:1001:1',
      null,
    ]);
  });

  it('matches po_number exactly, whatever the case, quoted values with spaces included', async () => {
    expect(await search('po_number:PO-7781')).toEqual(['joor:acct-1:1001:1']);
    expect(await search('po_number:po-7781-b')).toEqual(['joor:acct-1:1001:10']);
    expect(await search("po_number:'po 9'")).toEqual(['joor:acct-2:1001:1']);
    expect(await search('po_number:PO-77')).toEqual([]);
  });
});
