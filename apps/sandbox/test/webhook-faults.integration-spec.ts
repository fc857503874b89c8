import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxHarness } from './sandbox-test.harness';

// Delivery faults the other specs leave out: reordered deliveries, the per-attempt timeout, orders/updated.
describe('webhook delivery faults', () => {
  let receiver: Server;
  let url: string;
  const received: { topic: string; note: string | null }[] = [];
  let hang = false;
  let slowMs = 0;
  let open = 0;
  let peak = 0;

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
      open += 1;
      peak = Math.max(peak, open);
      res.on('close', () => (open -= 1));
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (hang) {
          return; // never answers: the sandbox must give up after its timeout
        }
        received.push({ topic: String(req.headers['x-shopify-topic']), note: (JSON.parse(body) as { note: string | null }).note });
        setTimeout(() => res.writeHead(200).end(), slowMs);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
    hang = false;
    slowMs = 0;
    peak = 0;
  });

  const setup = async (h: SandboxHarness, topics: string[]) => {
    const { shop, staffAccessToken: token } = await h.createShop('faults-shop');
    for (const topic of topics) {
      await h.gql(
        shop,
        token,
        `mutation($t: WebhookSubscriptionTopic!, $u: String!) { webhookSubscriptionCreate(topic: $t, webhookSubscription: { uri: $u, format: JSON }) { userErrors { message } } }`,
        { t: topic, u: url },
      );
    }
    const order = (note: string) =>
      h.gql(shop, token, `mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { id } userErrors { message } } }`, {
        o: { note, lineItems: [{ title: 'Card', quantity: 1 }] },
      });
    return { shop, token, order };
  };

  it('reorders deliveries when told to: a later event can arrive first', async () => {
    // Per delivery the dispatcher draws: drop?, reorder delay, duplicate?. The first order's delivery waits longest:
    // ~2 s (0.99 × 4 × the backoff), far longer than creating the second order takes even on a loaded machine (with a
    // 20 ms backoff it waited 79 ms, and a CI machine took longer than that to create the second order).
    const draws = [0.5, 0.99, 0.5, 0.5, 0, 0.5];
    const h = await SandboxHarness.start({ webhookBackoffMs: 500, random: () => draws.shift() ?? 0.5 });
    try {
      const { shop, order } = await setup(h, ['ORDERS_CREATE']);
      await h.post('/__sandbox/faults', { shop, reorderWebhooks: true });
      await order('first');
      await order('second');
      await h.server.webhooks.idle();
      expect(received.map((r) => r.note)).toEqual(['second', 'first']);
    } finally {
      await h.stop();
    }
  });

  it('keeps at most maxConcurrent deliveries in flight per endpoint and delivers the rest as slots free up', async () => {
    slowMs = 200; // long enough that the orders are all created while the first deliveries are still open
    const h = await SandboxHarness.start({ webhookMaxConcurrent: 3 });
    try {
      const { order } = await setup(h, ['ORDERS_CREATE']);
      for (let i = 0; i < 12; i++) {
        await order(`n${i}`);
      }
      await h.server.webhooks.idle();
      expect(received.map((r) => r.note).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`).sort());
      expect(peak).toBe(3);
    } finally {
      await h.stop();
    }
  });

  it('gives up on an endpoint that does not answer within the timeout and retries with backoff', async () => {
    hang = true;
    const h = await SandboxHarness.start({ webhookTimeoutMs: 50, webhookMaxRetries: 2, webhookBackoffMs: 5 });
    try {
      const { shop, order } = await setup(h, ['ORDERS_CREATE']);
      await order('slow');
      await h.server.webhooks.idle();
      const { deliveries } = await h.get(`/__sandbox/shops/${shop}/webhook-deliveries`);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        state: 'failed',
        attempts: [{ error: 'timeout' }, { error: 'timeout' }, { error: 'timeout' }],
      });
    } finally {
      await h.stop();
    }
  });

  it('sends orders/updated when an order changes (cancel)', async () => {
    const h = await SandboxHarness.start();
    try {
      const { token, shop, order } = await setup(h, ['ORDERS_UPDATED', 'ORDERS_CANCELLED']);
      const id = (await order('to cancel')).body.data.orderCreate.order.id as string;
      await h.gql(
        shop,
        token,
        `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: false) { orderCancelUserErrors { message } } }`,
        { id },
      );
      await h.server.webhooks.idle();
      expect(received.map((r) => r.topic).sort()).toEqual(['orders/cancelled', 'orders/updated']);
    } finally {
      await h.stop();
    }
  });
});
