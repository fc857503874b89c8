import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'lossless-json';
import { firstLocation, SandboxHarness, seedProduct } from './sandbox-test.harness';

// Top-level key names of the payloads in Shopify's published webhook samples, one list per topic.
const SAMPLE_KEYS = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'webhook-sample-keys.json'), 'utf8')) as Record<string, string[]>;
const sampleKeys = (topic: string): string[] => {
  const keys = SAMPLE_KEYS[topic];
  if (!keys) {
    throw new Error(`no sample keys for ${topic}`);
  }
  return keys;
};

// Every top-level key of Shopify's sample payload must be present in the sandbox's payload for that topic.
describe('webhook payload shapes against Shopify samples; returnCreate', () => {
  let h: SandboxHarness;
  let receiver: Server;
  const bodies = new Map<string, string>();

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.set(String(req.headers['x-shopify-topic']), body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    h = await SandboxHarness.start();
  });
  afterAll(async () => {
    await h.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('produces every sample key for the topics it sends, and opens a return directly with returnCreate', async () => {
    const { shop, staffAccessToken: token } = await h.createShop('shapes-shop');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const topics = [
      'ORDERS_CREATE',
      'ORDERS_UPDATED',
      'ORDERS_CANCELLED',
      'FULFILLMENTS_CREATE',
      'INVENTORY_LEVELS_UPDATE',
      'RETURNS_APPROVE',
      'RETURNS_CLOSE',
    ];
    for (const topic of topics) {
      await h.gql(
        shop,
        token,
        `mutation($t: WebhookSubscriptionTopic!, $u: String!) { webhookSubscriptionCreate(topic: $t, webhookSubscription: { uri: $u, format: JSON }) { userErrors { message } } }`,
        { t: topic, u: url },
      );
    }
    const location = await firstLocation(h, shop, token);
    const [variant] = (await seedProduct(h, shop, token, location, [{ sku: 'SHAPE-1', qty: 5 }])).variants.nodes;
    const created = await h.gql(
      shop,
      token,
      `mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o, options: { inventoryBehaviour: DECREMENT_OBEYING_POLICY }) { order { id fulfillmentOrders(first: 1) { nodes { id } } } userErrors { message } } }`,
      {
        o: { lineItems: [{ variantId: variant?.id, quantity: 2 }], financialStatus: 'PAID', email: 'shape@example.com' },
      },
    );
    const order = created.body.data.orderCreate.order;
    const fulfilled = await h.gql(
      shop,
      token,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { fulfillmentLineItems(first: 1) { nodes { id } } } userErrors { message } } }`,
      {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders.nodes[0].id }] },
      },
    );
    const fli = fulfilled.body.data.fulfillmentCreate.fulfillment.fulfillmentLineItems.nodes[0].id as string;
    const ret = await h.gql(
      shop,
      token,
      `mutation($r: ReturnInput!) { returnCreate(returnInput: $r) { return { id status } userErrors { message } } }`,
      {
        r: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1, returnReason: 'DEFECTIVE' }] },
      },
    );
    expect(ret.body.data.returnCreate.userErrors).toEqual([]);
    expect(ret.body.data.returnCreate.return.status).toBe('OPEN');
    await h.gql(shop, token, `mutation($id: ID!) { returnClose(id: $id) { userErrors { message } } }`, {
      id: ret.body.data.returnCreate.return.id,
    });
    const second = await h.gql(shop, token, `mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { id } } }`, {
      o: { lineItems: [{ title: 'Card', quantity: 1 }] },
    });
    await h.gql(
      shop,
      token,
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: false) { orderCancelUserErrors { message } } }`,
      { id: second.body.data.orderCreate.order.id },
    );
    await h.server.webhooks.idle();

    const missing: Record<string, string[]> = {};
    for (const topic of [
      'orders/create',
      'orders/updated',
      'orders/cancelled',
      'fulfillments/create',
      'inventory_levels/update',
      'returns/approve',
      'returns/close',
    ]) {
      const body = bodies.get(topic);
      expect(body).toBeDefined();
      const ours = parse(body ?? '{}') as Record<string, unknown>;
      const lacking = sampleKeys(topic).filter((k) => !(k in ours));
      if (lacking.length > 0) {
        missing[topic] = lacking;
      }
    }
    expect(missing).toEqual({});
  });
});
