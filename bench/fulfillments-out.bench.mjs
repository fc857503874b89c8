// Fulfillments WMS → Shopify: 1,000 shipments of imported orders, posted at 10 per second on the standard plan.
import { percentile } from './lib/load.mjs';
import { startShopifyStack } from './lib/shopify.mjs';

const SHIPMENTS = 1_000;
const RATE = 10;
const SEED_RATE = 20;
const SKUS = 20;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default {
  name: 'fulfillments-out',
  description:
    `${SHIPMENTS.toLocaleString('en')} Shopify orders imported into the WMS as their webhooks arrive (20/s; one location), then one ` +
    `shipment each posted to POST /orders/:id/shipments at ${RATE}/s on the standard plan (throttling on). Timed from the shipment's commit in the WMS until the ` +
    'fulfillment push recorded the fulfillment Shopify created (the create has answered by then: the fulfillment is visible on ' +
    "Shopify). Admin API calls are the connector's calls to the shop during the shipping phase.",
  async run({ runsDir, log }) {
    const rows = [];
    const notes = [];
    const stack = await startShopifyStack({ runsDir, name: 'fulfillments-out' });
    try {
      const shop = 'bench-ship.myshopify.com';
      const token = await stack.createShop(shop, { plan: 'standard', locations: ['Main'] });
      const locationId = (await stack.gql(shop, token, '{ locations(first: 1) { nodes { id } } }')).locations.nodes[0].id;
      const names = Array.from({ length: SKUS }, (_, i) => `ship-${String(i).padStart(3, '0')}`);
      const variants = await stack.seedVariants(shop, token, names, { locationIds: [locationId], quantity: 100_000 });
      await stack.sql(`INSERT INTO product (sku, name) SELECT s, s FROM unnest($1::text[]) AS s ON CONFLICT DO NOTHING`, [names]);
      const storeId = await stack.connectShop(shop);
      const warehouseId = (await stack.call('POST', '/warehouses', { code: 'SHIP', name: 'Ship' })).id;
      const shippingProcessId = (await stack.call('POST', '/shipping-processes', { code: 'SHIP-S', name: 'Ship', warehouseId })).id;
      await stack.call('PUT', `/stores/${storeId}/location-mappings`, [{ locationId, warehouseId, shippingProcessId, isDefault: true }]);
      await stack.call('POST', `/stores/${storeId}/product-sync`);
      // The WMS holds what the orders reserve.
      await stack.call('POST', '/stock/movements/batch', {
        movements: names.map((sku) => ({ type: 'receipt', sku, warehouseId, quantity: 10_000 })),
      });
      await stack.quiesce(shop);

      // Orders arrive as a storefront's do, a webhook at a time (20/s): the import reads their fulfillment order lines
      // with each small batch. (Seeding is not throttled; the shipping phase is.)
      log(`seeding ${SHIPMENTS} orders at ${SEED_RATE}/s …`);
      await faults(stack, { shop, throttle: 'off' });
      const seedStart = Date.now();
      const seeding = [];
      for (let n = 0; n < SHIPMENTS; n++) {
        const due = seedStart + (n * 1000) / SEED_RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        seeding.push(
          stack.gql(shop, token, ORDER_CREATE, {
            order: {
              email: 'bench@example.com',
              financialStatus: 'PAID',
              shippingAddress: {
                firstName: 'B',
                lastName: 'Ench',
                address1: '1 Main St',
                city: 'Springfield',
                countryCode: 'US',
                zip: '12345',
              },
              lineItems: [
                { variantId: variants[n % SKUS].variantId, quantity: 1, requiresShipping: true },
                { variantId: variants[(n * 7 + 3) % SKUS].variantId, quantity: 2, requiresShipping: true },
              ],
            },
          }),
        );
      }
      await Promise.all(seeding);
      await faults(stack, { shop, throttle: false });
      const orders = await waitImported(stack, storeId, SHIPMENTS);
      await stack.quiesce(shop);

      log(`shipping ${SHIPMENTS} orders at ${RATE}/s …`);
      const t0 = Date.now();
      const pending = [];
      for (const [n, order] of orders.entries()) {
        const due = t0 + (n * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        pending.push(
          stack.call('POST', `/orders/${order.id}/shipments`, {
            carrier: n % 3 === 0 ? 'ups' : n % 3 === 1 ? 'DHL Express' : 'fedex',
            trackingNumber: `BENCH${String(n).padStart(6, '0')}`,
            lines: order.lines,
          }),
        );
      }
      await Promise.all(pending);
      const pushed = await waitPushed(stack, storeId, SHIPMENTS, 300_000);
      const latencies = pushed.map((r) => Number(r.ms)).sort((a, b) => a - b);
      const calls = (await stack.sandboxLog(shop)).filter((c) => !c.staff && Date.parse(c.at) >= t0);
      const throttled = calls.filter((c) => c.throttled).length;
      const ops = new Map();
      for (const c of calls) ops.set(c.operationName, (ops.get(c.operationName) ?? 0) + 1);
      const [{ fulfillments }] = await stack.sql(
        `SELECT sum(jsonb_array_length(fulfillments))::int AS fulfillments FROM fulfillment_push WHERE store_id = $1`,
        [storeId],
      );
      const p99 = percentile(latencies, 99);
      const fulfillmentOps = new Set(['FulfillmentCreate', 'FulfillmentState', 'FulfillmentTrackingInfoUpdate']);
      const fulfillmentCalls = calls.filter((c) => fulfillmentOps.has(c.operationName)).length;
      rows.push(
        {
          metric: 'fulfillment Admin API calls ÷ shipments',
          measured: (fulfillmentCalls / SHIPMENTS).toFixed(3),
          target: '1.00 (+ reads after unknown outcomes)',
          met: fulfillmentCalls === SHIPMENTS,
        },
        {
          metric: 'other connector calls meanwhile (the order engine reading orders Shopify updated)',
          measured: calls.length - fulfillmentCalls,
        },
        { metric: 'p50 shipment → fulfillment on Shopify', measured: percentile(latencies, 50), unit: 'ms' },
        { metric: `p99 shipment → fulfillment on Shopify (${RATE}/s)`, measured: p99, unit: 'ms', target: '≤ 5000 ms', met: p99 <= 5000 },
        { metric: 'THROTTLED answers', measured: throttled, target: '0', met: throttled === 0 },
        {
          metric: 'fulfillments created ÷ shipments',
          measured: `${fulfillments} ÷ ${SHIPMENTS}`,
          target: 'equal',
          met: fulfillments === SHIPMENTS,
        },
      );
      notes.push(
        `${pushed.length} of ${SHIPMENTS} shipments pushed; connector calls by operation: ` +
          `${[...ops.entries()].map(([op, n]) => `${op} ${n}`).join(', ')}; max ${latencies.at(-1)} ms.`,
      );
    } finally {
      await stack.stop();
    }
    return { rows, notes };
  },
};

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }`;

async function faults(stack, body) {
  const res = await fetch(`${stack.sandboxBase}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`faults → ${res.status}`);
}

/** The WMS orders of the store's imported channel orders, each with its lines to ship. */
async function waitImported(stack, storeId, count) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const rows = await stack.sql(
      `SELECT o.id, json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity)) AS lines
         FROM outbound_order o JOIN order_line l ON l.order_id = o.id WHERE o.store_id = $1 GROUP BY o.id, o.created_at ORDER BY o.created_at`,
      [storeId],
    );
    if (rows.length >= count) return rows;
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${count} orders imported in time`);
    await sleep(500);
  }
}

async function waitPushed(stack, storeId, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await stack.sql(
      `SELECT extract(epoch FROM (p.pushed_at - s.created_at)) * 1000 AS ms FROM fulfillment_push p JOIN shipment s ON s.id = p.shipment_id
        WHERE p.store_id = $1 AND p.state = 'pushed'`,
      [storeId],
    );
    if (rows.length >= count) return rows;
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${count} shipments pushed in time`);
    await sleep(500);
  }
}
