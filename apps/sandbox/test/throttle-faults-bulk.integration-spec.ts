import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLocation, SandboxHarness, seedProduct } from './sandbox-test.harness';

describe('throttling, faults, bulk operations and state', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;
  let clock = 1_000_000;
  let dice = 0;

  beforeAll(async () => {
    h = await SandboxHarness.start({ now: () => clock, random: () => dice });
    ({ shop, staffAccessToken: token } = await h.createShop('limits-shop'));
    const location = await firstLocation(h, shop, token);
    await seedProduct(
      h,
      shop,
      token,
      location,
      [
        { sku: 'BULK-1', qty: 3 },
        { sku: 'BULK-2', qty: 4 },
      ],
      'Bulk shirt',
    );
    await seedProduct(h, shop, token, location, [{ sku: 'BULK-3', qty: 5 }], 'Bulk hat');
  });
  afterAll(() => h.stop());

  it('throttles with a leaky bucket per app and shop, without executing, and restores over time', async () => {
    // Standard plan: 2000 points, 100/s; the clock is frozen so nothing restores until it moves.
    const expensive = '{ products(first: 249) { nodes { id title handle } } shop { name } }';
    const first = await h.gql(shop, token, expensive);
    expect(first.body.extensions.cost.requestedQueryCost).toBe(2 + 249 + 1);
    expect(first.body.extensions.cost.actualQueryCost).toBe(2 + 2 + 1);
    // Mutations cost 10 each and refund nothing: 99 of them take 990 points.
    const drain = `mutation { ${Array.from({ length: 99 }, (_, i) => `d${i}: webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { userErrors { message } }`).join(' ')} }`;
    const firstDrain = await h.gql(shop, token, drain);
    expect(firstDrain.body.extensions.cost).toMatchObject({ requestedQueryCost: 990, actualQueryCost: 990 });
    const left = firstDrain.body.extensions.cost.throttleStatus.currentlyAvailable as number;
    expect(left).toBeLessThan(990);
    const throttled = await h.gql(shop, token, drain);
    expect(throttled.status).toBe(200);
    expect(throttled.body.data).toBeUndefined();
    expect(throttled.body.errors).toEqual([
      { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } },
    ]);
    expect(throttled.body.extensions.cost).toMatchObject({
      requestedQueryCost: 990,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: left, restoreRate: 100 },
    });
    clock += 20_000;
    const restored = await h.gql(shop, token, '{ shop { name } }');
    expect(restored.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(1999);
  });

  it('forces THROTTLED answers and 5xx / reset connections on demand', async () => {
    await h.post('/__sandbox/faults', { shop, throttle: true });
    const forced = await h.gql(shop, token, '{ shop { name } }');
    expect(forced.body.errors[0].extensions.code).toBe('THROTTLED');
    await h.post('/__sandbox/faults', { shop, throttle: false, errorRate: 1 });
    dice = 0.25;
    const fiveHundred = await h.gql(shop, token, '{ shop { name } }');
    expect(fiveHundred.status).toBe(503);
    dice = 0.75;
    await expect(h.gql(shop, token, '{ shop { name } }')).rejects.toThrow();
    dice = 0;
    await h.post('/__sandbox/faults', { shop, errorRate: 0 });
    const log = await h.get(`/__sandbox/shops/${shop}/log`);
    expect(log.calls.map((c: { fault: string | null }) => c.fault).filter(Boolean)).toEqual(['http_503', 'connection_reset']);
  });

  it('switches the cost bucket off on demand: cost is still reported, never enforced', async () => {
    const drain = `mutation { ${Array.from({ length: 99 }, (_, i) => `d${i}: webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { userErrors { message } }`).join(' ')} }`;
    const off = await h.post('/__sandbox/faults', { shop, throttle: 'off' });
    expect(off.faults.throttle).toBe('off');
    // Standard plan, frozen clock: 2000 points would allow two of these, not five.
    for (let i = 0; i < 5; i++) {
      const res = await h.gql(shop, token, drain);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.extensions.cost).toMatchObject({ requestedQueryCost: 990, actualQueryCost: 990 });
    }
    await h.post('/__sandbox/faults', { shop, throttle: false });
  });

  it('reduces the rate limits on demand (Shopify may temporarily lower them) and restores them', async () => {
    const reduced = await h.post('/__sandbox/faults', { shop, rateLimitScale: 0.1 });
    expect(reduced.faults.rateLimitScale).toBe(0.1);
    const small = await h.gql(shop, token, '{ shop { name } }');
    expect(small.body.extensions.cost.throttleStatus).toEqual({ maximumAvailable: 200, currentlyAvailable: 199, restoreRate: 10 });
    // 99 mutations (990 points) no longer fit in the reduced bucket.
    const drain = `mutation { ${Array.from({ length: 99 }, (_, i) => `d${i}: webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { userErrors { message } }`).join(' ')} }`;
    expect((await h.gql(shop, token, drain)).body.errors[0].extensions.code).toBe('THROTTLED');
    await h.post('/__sandbox/faults', { shop, rateLimitScale: 1 });
    const full = await h.gql(shop, token, '{ shop { name } }');
    expect(full.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
    // The request log keeps the bucket's level after each priced call (benchmarks measure the share used from it).
    const log = await h.get(`/__sandbox/shops/${shop}/log`);
    expect(log.calls.at(-1)).toMatchObject({ available: full.body.extensions.cost.throttleStatus.currentlyAvailable });
  });

  it('runs a bulk query and serves JSONL with __parentId lines', async () => {
    const run = await h.gql(
      shop,
      token,
      `mutation { bulkOperationRunQuery(query: """{ products { edges { node { id title variants { edges { node { id sku } } } } } } }""") { bulkOperation { id status } userErrors { message } } }`,
    );
    expect(run.body.data.bulkOperationRunQuery.userErrors).toEqual([]);
    const id = run.body.data.bulkOperationRunQuery.bulkOperation.id;
    const polled = await h.gql(shop, token, `{ node(id: "${id}") { ... on BulkOperation { status objectCount rootObjectCount url } } }`);
    const op = polled.body.data.node;
    expect(op).toMatchObject({ status: 'COMPLETED', objectCount: '5', rootObjectCount: '2' });
    const lines = (await (await fetch(op.url)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const shirt = lines.find((l) => l.title === 'Bulk shirt');
    expect(lines.filter((l) => l.__parentId === shirt.id).map((l) => l.sku)).toEqual(['BULK-1', 'BULK-2']);
    const current = await h.gql(shop, token, '{ currentBulkOperation { id status } }');
    expect(current.body.data.currentBulkOperation).toEqual({ id, status: 'COMPLETED' });
  });

  it('saves, resets and loads the whole state', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sandbox-state-')), 'state.json');
    await h.post('/__sandbox/state/save', { path });
    await h.post('/__sandbox/reset', {});
    expect((await h.gql(shop, token, '{ shop { name } }')).status).toBe(401);
    await h.post('/__sandbox/state/load', { path });
    const res = await h.gql(shop, token, '{ productVariants(first: 5, query: "sku:BULK-3") { nodes { inventoryQuantity } } }');
    expect(res.body.data.productVariants.nodes).toEqual([{ inventoryQuantity: 5 }]);
  });

  it('loses answers after applying on demand (errorAfterRate): the mutation stays applied, the call is 503 or reset', async () => {
    const titles = async () =>
      ((await h.gql(shop, token, '{ products(first: 50) { nodes { title } } }')).body.data.products.nodes as { title: string }[])
        .map((p) => p.title)
        .filter((t) => t.startsWith('Lost answer'))
        .sort();
    const create = (title: string) =>
      h.gql(shop, token, `mutation AfterFault { productCreate(product: { title: "${title}" }) { product { id } userErrors { message } } }`);
    // The bucket is left drained by the tests above (frozen clock): cost is not enforced here.
    await h.post('/__sandbox/faults', { shop, throttle: 'off' });
    expect(await titles()).toEqual([]);
    await h.post('/__sandbox/faults', { shop, errorAfterRate: 1 });
    dice = 0.25;
    expect((await create('Lost answer 1')).status).toBe(503);
    dice = 0.75;
    await expect(create('Lost answer 2')).rejects.toThrow();
    dice = 0;
    await h.post('/__sandbox/faults', { shop, errorAfterRate: 0 });
    // Both were applied though neither answer arrived.
    expect(await titles()).toEqual(['Lost answer 1', 'Lost answer 2']);
    const log = await h.get(`/__sandbox/shops/${shop}/log`);
    const faulted = log.calls.filter((c: { fault: string | null }) => c.fault?.endsWith('_after_apply'));
    expect(faulted).toEqual([
      expect.objectContaining({ operationName: 'AfterFault', rootFields: ['productCreate'], status: 503, fault: 'http_503_after_apply' }),
      expect.objectContaining({
        operationName: 'AfterFault',
        rootFields: ['productCreate'],
        status: 0,
        fault: 'connection_reset_after_apply',
      }),
    ]);
  });

  it('names the operation of a call failed before it executes', async () => {
    await h.post('/__sandbox/faults', { shop, errorRate: 1 });
    dice = 0.25;
    expect((await h.gql(shop, token, 'query NamedRead { shop { name } }')).status).toBe(503);
    dice = 0;
    await h.post('/__sandbox/faults', { shop, errorRate: 0, throttle: false });
    const log = await h.get(`/__sandbox/shops/${shop}/log`);
    expect(log.calls.at(-1)).toMatchObject({ operationName: 'NamedRead', rootFields: [], fault: 'http_503' });
  });
});
