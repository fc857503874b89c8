/* eslint-disable @typescript-eslint/no-explicit-any -- dynamic GraphQL bodies */
import { levelOf, until } from '@gantry/testing';
import fc from 'fast-check';
import { setupOrders, shopifyOrder, type OrdersFixture } from './orders-in.fixture';
import { gql, sandboxPost, sign, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(300_000);

const SKUS = 3;
const ORDERS = 6;

/** One merchant change; `a` and `b` pick what it touches once the order's state at that moment is known. */
interface Change {
  order: number;
  kind: 'pay' | 'tag' | 'edit' | 'cancel' | 'tick';
  a: number;
  b: number;
}

/** An order webhook the sandbox made, as Shopify would have sent it. */
interface Captured {
  topic: string;
  body: string;
  orderId: string;
}

interface ShopifyLine {
  sku: string;
  currentQuantity: number;
}

const BEGIN = `mutation($id: ID!) { orderEditBegin(id: $id) {
  calculatedOrder { id lineItems(first: 20) { nodes { id sku quantity } } } userErrors { message } } }`;
const SET_QUANTITY = `mutation($id: ID!, $line: ID!, $quantity: Int!) {
  orderEditSetQuantity(id: $id, lineItemId: $line, quantity: $quantity, restock: true) { userErrors { message } } }`;
const ADD_VARIANT = `mutation($id: ID!, $variant: ID!, $quantity: Int!) {
  orderEditAddVariant(id: $id, variantId: $variant, quantity: $quantity) { userErrors { message } } }`;
const COMMIT = `mutation($id: ID!) { orderEditCommit(id: $id, notifyCustomer: false) { userErrors { message } } }`;
const CANCEL = `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: false, restock: true) { orderCancelUserErrors { message } } }`;
const VIEW = `query($id: ID!) { order(id: $id) { cancelledAt lineItems(first: 20) { nodes { id sku currentQuantity } } } }`;

/**
 * The order engine's promise, as a property over real Shopify changes: random sequences of create, paid, tag, edit and
 * cancel, delivered live with duplicates and reordering, then all of them again (and, for orders the engine never
 * heard of live, for the first time) in a random permutation with duplicates, batched or not. Whatever the order of
 * arrival, once everything is decided each Shopify order is exactly one warehouse order (one location: one
 * destination) holding Shopify's current lines, cancelled with it, and the warehouse reserves exactly what the open
 * orders hold. The sandbox stamps whole seconds like Shopify, so most successive states of an order share a version.
 */
describe('orders in: a property over reordered and repeated order webhooks', () => {
  let env: ShopifyTestEnv;
  let runs = 0;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const call = async (f: OrdersFixture, query: string, variables: Record<string, unknown>): Promise<any> => {
    const res = await gql(env, f.shop, f.token, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };

  /** Applies one change on Shopify as the merchant would; changes a real merchant could not make are left out. */
  const change = async (
    f: OrdersFixture,
    id: string,
    c: Change,
    state: { paid: boolean; cancelled: boolean },
    n: number,
  ): Promise<void> => {
    switch (c.kind) {
      case 'tick':
        // The next second: the following changes get a newer version.
        await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
        return;
      case 'pay': {
        if (state.paid || state.cancelled) {
          return;
        }
        const data = await call(f, `mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { userErrors { message } } }`, { id });
        expect(data.orderMarkAsPaid.userErrors).toEqual([]);
        state.paid = true;
        return;
      }
      case 'tag': {
        const data = await call(f, `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }`, {
          id,
          tags: [`t${n}`],
        });
        expect(data.tagsAdd.userErrors).toEqual([]);
        return;
      }
      case 'cancel': {
        if (state.cancelled) {
          return;
        }
        const data = await call(f, CANCEL, { id });
        expect(data.orderCancel.orderCancelUserErrors).toEqual([]);
        state.cancelled = true;
        return;
      }
      case 'edit': {
        if (state.cancelled) {
          return;
        }
        const begin = await call(f, BEGIN, { id });
        expect(begin.orderEditBegin.userErrors).toEqual([]);
        const calc = begin.orderEditBegin.calculatedOrder;
        const lines = calc.lineItems.nodes as { id: string; sku: string; quantity: number }[];
        const line = lines[c.a % lines.length] as { id: string; quantity: number };
        const others = lines.filter((l) => l !== line).reduce((sum, l) => sum + l.quantity, 0);
        // Never down to no unit at all: an order with nothing to ship is not one the warehouse holds.
        const quantity = c.b % 4 === 0 && others === 0 ? 1 : c.b % 4;
        if (quantity !== line.quantity) {
          const set = await call(f, SET_QUANTITY, { id: calc.id, line: line.id, quantity });
          expect(set.orderEditSetQuantity.userErrors).toEqual([]);
        }
        const absent = f.products.map((p, i) => ({ sku: p.sku, i })).filter((p) => !lines.some((l) => l.sku === p.sku));
        if (absent.length > 0 && c.b % 2 === 1) {
          const add = await call(f, ADD_VARIANT, {
            id: calc.id,
            variant: f.variants[absent[c.a % absent.length]?.i ?? 0],
            quantity: 1 + (c.a % 3),
          });
          expect(add.orderEditAddVariant.userErrors).toEqual([]);
        }
        const commit = await call(f, COMMIT, { id: calc.id });
        expect(commit.orderEditCommit.userErrors).toEqual([]);
        return;
      }
    }
  };

  const post = (f: OrdersFixture, event: Captured, webhookId: string): Promise<Response> =>
    fetch(`${process.env.APP_URL}/api/v1/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': event.topic,
        'x-shopify-shop-domain': f.shop,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-api-version': '2026-07',
        'x-shopify-hmac-sha256': sign(event.body),
      },
      body: event.body,
    });

  /** Nothing left to decide: every delivery processed, the outbox drained, no order due (or under a lease). */
  const settled = (f: OrdersFixture, orders: number): Promise<unknown> =>
    until(
      async () => {
        const [row] = await env.t.dataSource.query<{ busy: number; known: number }[]>(
          `SELECT (SELECT count(*) FROM channel_order WHERE store_id = $1 AND due_at IS NOT NULL)
                + (SELECT count(*) FROM shopify_webhook_inbox WHERE store_id = $1 AND processed_at IS NULL)
                + (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL) AS busy,
                  (SELECT count(*) FROM channel_order WHERE store_id = $1) AS known`,
          [f.storeId],
        );
        return { busy: Number(row?.busy), known: Number(row?.known) };
      },
      (s) => s.busy === 0 && s.known === orders,
      'every order to be decided',
      60_000,
    );

  const scenario = fc.record({
    // Each order's lines at creation: distinct products, 1–3 units each.
    orders: fc.array(
      fc.uniqueArray(fc.record({ variant: fc.nat(SKUS - 1), quantity: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: SKUS,
        selector: (l) => l.variant,
      }),
      { minLength: ORDERS, maxLength: ORDERS },
    ),
    changes: fc.array(
      fc.record({
        order: fc.nat(ORDERS - 1),
        kind: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom<Change['kind']>('pay', 'tag', 'edit') },
          { weight: 1, arbitrary: fc.constantFrom<Change['kind']>('cancel', 'tick') },
        ),
        a: fc.nat(11),
        b: fc.nat(11),
      }),
      { minLength: 8, maxLength: 24 },
    ),
    // The live half's webhooks come duplicated and reordered by the sandbox; the other half only through the replay.
    duplicateWebhooks: fc.constantFrom(0.3, 0.5, 1),
    // How many of the replayed deliveries are in flight at once (more: more of them decided in one batch).
    // All at once: most of them land in a few batches.
    wave: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 2, arbitrary: fc.constant(1000) }),
  });

  it('ends in one warehouse order per Shopify order, in its latest state, with matching reservations', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.gen(), async ({ orders: drafts, changes, duplicateWebhooks, wave }, g) => {
        runs += 1;
        const f = await setupOrders(env, `orders-prop-${runs}.myshopify.com`, { skuCount: SKUS });
        const captured: Captured[] = [];
        const listener = (event: { shop: string; topic: string; body: string }): void => {
          if (event.shop === f.shop && event.topic.startsWith('orders/')) {
            const body = event.body;
            const id = /"admin_graphql_api_id":"(gid:\/\/shopify\/Order\/\d+)"/.exec(body)?.[1] ?? /"order_id":(\d+)/.exec(body)?.[1] ?? '';
            captured.push({ topic: event.topic, body, orderId: id.startsWith('gid://') ? id : `gid://shopify/Order/${id}` });
          }
        };
        env.sandbox.store.events.on('event', listener);
        try {
          const ids: string[] = [];
          const states = drafts.map(() => ({ paid: false, cancelled: false }));
          const live = Math.ceil(ORDERS / 2);
          // Live: the sandbox delivers each change's webhooks, some twice, in a shuffled order.
          await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, duplicateWebhooks, reorderWebhooks: true });
          for (const [phase, range] of [
            ['live', [0, live]],
            ['replayed', [live, ORDERS]],
          ] as const) {
            if (phase === 'replayed') {
              await env.sandbox.webhooks.idle();
              await settled(f, live);
              // The replayed half: the sandbox sends nothing; every delivery is the replay's.
              await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, dropWebhooks: 1, duplicateWebhooks: 0 });
            }
            for (let i = range[0]; i < range[1]; i++) {
              ids[i] = (await shopifyOrder(env, f, drafts[i] ?? [])).id;
            }
            for (const [n, c] of changes.entries()) {
              if (c.order >= range[0] && c.order < range[1]) {
                await change(f, ids[c.order] ?? '', c, states[c.order], n);
              }
            }
          }
          await env.sandbox.webhooks.idle();
          await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, dropWebhooks: 0 });

          // Every webhook the orders made, once more or for the first time: each 1–3 times, in a random order.
          const deliveries = captured.flatMap((event) => Array.from({ length: g(fc.constantFrom, 1, 1, 2, 3) }, () => event));
          const keys = deliveries.map(() => g(fc.nat));
          const order = deliveries.map((_, i) => i).sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0) || x - y);
          for (let i = 0; i < order.length; i += wave) {
            const responses = await Promise.all(
              order.slice(i, i + wave).map((d, j) => post(f, deliveries[d], `replay-${runs}-${i + j}-${Date.now()}`)),
            );
            expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
          }
          await settled(f, ORDERS);

          // What Shopify holds now, against what the warehouse holds.
          const wmsOrders: { id: string; externalId: string; status: string; lines: { sku: string; quantity: number }[] }[] = (
            await env.t.http().get(`/api/v1/orders?storeId=${f.storeId}&limit=500`).expect(200)
          ).body;
          const reserved = new Map<string, number>(f.products.map((p) => [p.sku, 0]));
          const got: unknown[] = [];
          const want: unknown[] = [];
          for (const id of ids) {
            const shopify = (await call(f, VIEW, { id })).order as { cancelledAt: string | null; lineItems: { nodes: ShopifyLine[] } };
            const lines = perSku(shopify.lineItems.nodes.map((l) => ({ sku: l.sku, quantity: l.currentQuantity })));
            const mine = wmsOrders.filter((o) => o.externalId === id);
            const row = await env.t.dataSource.query<{ state: string; reason: string | null }[]>(
              `SELECT state, reason FROM channel_order WHERE store_id = $1 AND external_id = $2`,
              [f.storeId, id],
            );
            got.push({
              id,
              state: row[0]?.state,
              orders: mine.map((o) => ({ status: o.status, lines: shopify.cancelledAt ? undefined : perSku(o.lines) })),
            });
            if (shopify.cancelledAt) {
              // Cancelled before its first decision: never in the warehouse; after: its warehouse order cancelled.
              want.push({ id, state: 'cancelled', orders: mine.length === 0 ? [] : [{ status: 'cancelled', lines: undefined }] });
            } else {
              want.push({ id, state: 'imported', orders: [{ status: 'open', lines }] });
              for (const [sku, quantity] of Object.entries(lines)) {
                reserved.set(sku, (reserved.get(sku) ?? 0) + quantity);
              }
            }
          }
          expect(wmsOrders).toHaveLength(ids.filter((_, i) => (got[i] as { orders: unknown[] }).orders.length > 0).length);
          const levels: Record<string, number> = {};
          for (const product of f.products) {
            levels[product.sku] = (await levelOf(env.t, product.sku, f.warehouses[0]?.id ?? '')).reserved;
          }
          expect({ orders: got, reserved: levels }).toEqual({ orders: want, reserved: Object.fromEntries(reserved) });
        } finally {
          env.sandbox.store.events.off('event', listener);
        }
      }),
      // Each run builds a shop and waits for every decision: no shrinking, the first counterexample is reported as is.
      // Before the intake noticed two states of one version in one batch, and kept an order due when such a state came
      // between its claim and its decision, this seed failed at run 14 (Shopify's cancel or edit lost).
      { numRuns: 15, seed: 3, endOnFailure: true },
    );
  });
});

/** Units per SKU, lines without any left out. */
function perSku(lines: { sku: string; quantity: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines) {
    if (line.quantity > 0) {
      out[line.sku] = (out[line.sku] ?? 0) + line.quantity;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([x], [y]) => x.localeCompare(y)));
}
