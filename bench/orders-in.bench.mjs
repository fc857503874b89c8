// Orders Shopify → WMS, three measurements side by side: (a) webhook ingest at the endpoint, (b) order import at
// 20 orders/s on the standard plan, (c) a reconciliation of 10,000 orders the webhooks missed.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { closedLoop, percentile, pool } from './lib/load.mjs';
import { peakRss, startShopifyStack } from './lib/shopify.mjs';

const API_SECRET = 'gantry-bench-secret';
const INGEST_SECONDS = 30;
const INGEST_CONCURRENCY = 48;
const IMPORT_RATE = 20;
const IMPORT_SECONDS = 15;
const RECONCILE_ORDERS = 10_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default {
  name: 'orders-in',
  description:
    `(a) Webhook ingest: signed orders/create deliveries of ~15 KB posted to /api/v1/webhooks/shopify by ${INGEST_CONCURRENCY} ` +
    `closed-loop clients for ${INGEST_SECONDS} s, against an API process alone (APP_ROLE=api: workers run in their own processes in ` +
    "production); an acknowledgement means the delivery is in the inbox with its outbox event. (b) Order import: the merchant's " +
    `orders created in the sandbox at ${IMPORT_RATE}/s for ${IMPORT_SECONDS} s (standard plan, throttling on), timed from the ` +
    'orderCreate answer until the WMS order is committed; one store with one location, one with two (the import reads fulfillment ' +
    `orders). (c) Reconciliation: ${RECONCILE_ORDERS.toLocaleString('en')} orders created while webhooks were dropped, then ` +
    'POST /stores/:id/order-import; peak RSS of the API process (APP_ROLE=all) while it runs.',
  async run({ runsDir, log }) {
    const rows = [];
    const notes = [];
    // BENCH_ORDERS_PARTS=a (or b) runs one part while working on it; a full run measures both.
    const parts = process.env.BENCH_ORDERS_PARTS ?? 'ab';
    if (parts.includes('a')) await ingest(runsDir, log, rows, notes);
    if (parts.includes('b')) await importAndReconcile(runsDir, log, rows, notes);
    return { rows, notes };
  },
};

async function setupShop(stack, shop, { locations = ['Main'], skus = 20, orderStock = 100_000 } = {}) {
  const token = await stack.createShop(shop, { plan: 'standard', locations });
  const locationIds = (await stack.gql(shop, token, '{ locations(first: 5) { nodes { id } } }')).locations.nodes.map((n) => n.id);
  const names = Array.from({ length: skus }, (_, i) => `${shop.split('.')[0]}-${String(i).padStart(3, '0')}`);
  const variants = await stack.seedVariants(shop, token, names, { locationIds: [locationIds[0]], quantity: orderStock });
  if (locationIds[1]) {
    // Half the catalog is stocked only at the second location: Shopify routes those lines there.
    variants.push(
      ...(await stack.seedVariants(
        shop,
        token,
        names.map((n) => `${n}-B`),
        { locationIds: [locationIds[1]], quantity: orderStock },
      )),
    );
  }
  const allSkus = variants.map((v) => v.sku);
  await stack.sql(`INSERT INTO product (sku, name) SELECT s, s FROM unnest($1::text[]) AS s ON CONFLICT DO NOTHING`, [allSkus]);
  const storeId = await stack.connectShop(shop);
  const mappings = [];
  for (const [i, locationId] of locationIds.entries()) {
    const code = `${shop.split('.')[0]}-${i}`.toUpperCase();
    const warehouseId = (await stack.call('POST', '/warehouses', { code, name: code })).id;
    const shippingProcessId = (await stack.call('POST', '/shipping-processes', { code: `${code}-S`, name: code, warehouseId })).id;
    mappings.push({ locationId, warehouseId, shippingProcessId, isDefault: i === 0 });
  }
  await stack.call('PUT', `/stores/${storeId}/location-mappings`, mappings);
  await stack.call('POST', `/stores/${storeId}/product-sync`);
  await stack.quiesce(shop);
  return { shop, token, storeId, variants, locationIds };
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }`;

/** orderCreate as the merchant (staff token), retried while the staff's own bucket is empty. */
async function createOrder(stack, s, lines) {
  for (let attempt = 0; ; attempt++) {
    try {
      const data = await stack.gql(s.shop, s.token, ORDER_CREATE, {
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
          lineItems: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, requiresShipping: true })),
        },
      });
      if (data.orderCreate.userErrors.length) throw new Error(JSON.stringify(data.orderCreate.userErrors));
      return data.orderCreate.order.id;
    } catch (error) {
      if (!/THROTTLED|Throttled/.test(String(error)) || attempt > 50) throw error;
      await sleep(250);
    }
  }
}

// ---- (a) webhook ingest ---------------------------------------------------------------------------------------
async function ingest(runsDir, log, rows, notes) {
  const stack = await startShopifyStack({ runsDir, name: 'orders-ingest', apiEnv: { APP_ROLE: 'api' } });
  try {
    const shop = 'bench-ingest.myshopify.com';
    await stack.createShop(shop, { plan: 'standard' });
    const storeId = await stack.connectShop(shop);
    const body = (n) =>
      JSON.stringify({
        id: 9_007_199_254_000_000 + n,
        admin_graphql_api_id: `gid://shopify/Order/${9_007_199_254_000_000 + n}`,
        name: `#${n}`,
        created_at: '2026-12-01T10:00:00Z',
        updated_at: '2026-12-01T10:00:00Z',
        financial_status: 'paid',
        fulfillment_status: null,
        tags: 'bench',
        note: 'Leave at the door. '.repeat(40),
        shipping_address: {
          first_name: 'B',
          last_name: 'Ench',
          address1: '1 Main St',
          city: 'Springfield',
          country_code: 'US',
          zip: '12345',
        },
        line_items: Array.from({ length: 45 }, (_, i) => ({
          id: 9_007_199_255_000_000 + n * 100 + i,
          admin_graphql_api_id: `gid://shopify/LineItem/${9_007_199_255_000_000 + n * 100 + i}`,
          variant_id: 9_007_199_256_000_000 + i,
          sku: `SKU-${i}`,
          title: `Product ${i} with a long enough title to look real`,
          quantity: 1 + (i % 3),
          current_quantity: 1 + (i % 3),
          requires_shipping: true,
          price: '19.90',
          properties: [{ name: 'gift', value: 'no' }],
        })),
      });
    const size = Buffer.byteLength(body(0));
    const url = new URL(`${stack.base}/api/v1/webhooks/shopify`);
    const agent = new Agent({ keepAlive: true, maxSockets: INGEST_CONCURRENCY });
    let next = 0;
    const post = (payload, id) =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              'x-shopify-topic': 'orders/create',
              'x-shopify-shop-domain': shop,
              'x-shopify-webhook-id': id,
              'x-shopify-api-version': '2026-07',
              'x-shopify-hmac-sha256': createHmac('sha256', API_SECRET).update(payload).digest('base64'),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve(1) : reject(new Error(`HTTP ${res.statusCode}`))));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    // Bodies are built ahead so the client's CPU goes to sending, not to JSON.stringify.
    const bodies = Array.from({ length: 512 }, (_, n) => body(n));
    log(`ingest: ${INGEST_CONCURRENCY} clients × ${INGEST_SECONDS} s, ${(size / 1024).toFixed(1)} KB per delivery …`);
    const result = await closedLoop({
      concurrency: INGEST_CONCURRENCY,
      durationMs: INGEST_SECONDS * 1000,
      task: () => {
        const n = next++;
        return post(bodies[n % bodies.length], `bench-ingest-${n}`);
      },
    });
    agent.destroy();
    const [{ stored }] = await stack.sql(`SELECT count(*)::int AS stored FROM shopify_webhook_inbox WHERE store_id = $1`, [storeId]);
    const rate = result.units / (result.elapsedMs / 1000);
    rows.push(
      { metric: '(a) deliveries acknowledged per second', measured: rate, target: '≥ 1000', met: rate >= 1000 },
      { metric: '(a) p99 acknowledgement', measured: result.p99, unit: 'ms', target: '≤ 250 ms', met: result.p99 <= 250 },
      {
        metric: '(a) acknowledged ÷ stored in the inbox',
        measured: `${result.units} ÷ ${stored}`,
        target: 'equal (nothing lost)',
        met: result.units === stored && result.errors.length === 0,
      },
    );
    notes.push(
      `(a) ${result.units} deliveries of ${(size / 1024).toFixed(1)} KB in ${(result.elapsedMs / 1000).toFixed(1)} s; p50 ${result.p50.toFixed(1)} ms, ` +
        `max ${result.max.toFixed(0)} ms; ${result.errors.length} failed requests.`,
    );
  } finally {
    await stack.stop();
  }
}

// ---- (b) order import and (c) reconciliation ----------------------------------------------------------------
async function importAndReconcile(runsDir, log, rows, notes) {
  const stack = await startShopifyStack({ runsDir, name: 'orders-import' });
  try {
    for (const [label, locations, rate] of [
      ['one location', ['Main'], IMPORT_RATE],
      ['two locations', ['East', 'West'], IMPORT_RATE],
    ]) {
      const s = await setupShop(stack, `bench-import-${locations.length}.myshopify.com`, { locations, skus: 10 });
      log(`import (${label}): ${rate} orders/s for ${IMPORT_SECONDS} s …`);
      const t0 = Date.now();
      const created = new Map();
      const total = rate * IMPORT_SECONDS;
      const pending = [];
      for (let n = 0; n < total; n++) {
        const due = t0 + (n * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        const lines = [
          { variantId: s.variants[n % s.variants.length].variantId, quantity: 1 },
          { variantId: s.variants[(n * 7 + 3) % s.variants.length].variantId, quantity: 2 },
        ];
        pending.push(createOrder(stack, s, lines).then((id) => created.set(id, Date.now())));
      }
      await Promise.all(pending);
      const done = await waitFor(stack, s.storeId, total, 120_000);
      const latencies = done
        .filter((r) => created.has(r.external_id))
        .map((r) => r.imported_at.getTime() - created.get(r.external_id))
        .sort((a, b) => a - b);
      const calls = (await stack.sandboxLog(s.shop)).filter((c) => !c.staff && Date.parse(c.at) >= t0);
      const throttled = calls.filter((c) => c.throttled).length;
      const points = calls.reduce((sum, c) => sum + (c.actualCost ?? 0), 0);
      const p99 = percentile(latencies, 99);
      rows.push(
        { metric: `(b) ${label}: p50 Shopify order → WMS order`, measured: percentile(latencies, 50), unit: 'ms' },
        { metric: `(b) ${label}: p99 Shopify order → WMS order`, measured: p99, unit: 'ms', target: '≤ 3000 ms', met: p99 <= 3000 },
        { metric: `(b) ${label}: THROTTLED answers`, measured: throttled, target: '0', met: throttled === 0 },
        { metric: `(b) ${label}: Admin API points per imported order`, measured: points / Math.max(1, latencies.length) },
      );
      notes.push(
        `(b) ${label}: ${latencies.length} of ${total} orders imported; ${calls.length} Admin API calls by the connector ` +
          `(${[...new Set(calls.map((c) => c.operationName))].join(', ') || 'none'}), ${points} points.`,
      );
    }

    log(`reconciliation: seeding ${RECONCILE_ORDERS} orders with webhooks dropped …`);
    const s = await setupShop(stack, 'bench-reconcile.myshopify.com', { skus: 20 });
    await requestJsonSandbox(stack, { shop: s.shop, dropWebhooks: 1, throttle: 'off' });
    const since = new Date(Date.now() - 1000).toISOString();
    await pool(
      Array.from({ length: RECONCILE_ORDERS }, (_, n) => n),
      8,
      (n) => createOrder(stack, s, [{ variantId: s.variants[n % s.variants.length].variantId, quantity: 1 + (n % 2) }]),
    );
    await requestJsonSandbox(stack, { shop: s.shop, dropWebhooks: 0, throttle: false });
    log('reconciling …');
    const t0 = Date.now();
    const measured = await peakRss(stack.api.child.pid, async () => {
      const run = await stack.call('POST', `/stores/${s.storeId}/order-import`, { since });
      const ranMs = Date.now() - t0;
      await waitFor(stack, s.storeId, RECONCILE_ORDERS, 600_000);
      return { run, ranMs, importedMs: Date.now() - t0 };
    });
    const { run, ranMs, importedMs } = measured.result;
    rows.push(
      {
        metric: `(c) reconciliation of ${RECONCILE_ORDERS.toLocaleString('en')} missed orders (run answered)`,
        measured: ranMs / 1000,
        unit: 's',
        target: '≤ 60 s',
        met: ranMs <= 60_000,
      },
      { metric: '(c) … until every one is a WMS order', measured: importedMs / 1000, unit: 's' },
      { metric: '(c) peak RSS of the API process', measured: measured.peakMb, unit: 'MB', target: '≤ 300 MB', met: measured.peakMb <= 300 },
      {
        metric: '(c) orders recovered by the run',
        measured: run.counts?.recovered ?? 0,
        target: String(RECONCILE_ORDERS),
        met: (run.counts?.recovered ?? 0) === RECONCILE_ORDERS,
      },
    );
    notes.push(
      `(c) run ${run.status}, counts ${JSON.stringify(run.counts)}; RSS ${measured.beforeMb.toFixed(0)} MB before` +
        `${measured.hwmReset ? '' : ' (peak sampled every 50 ms: the kernel did not allow resetting VmHWM)'}.`,
    );
  } finally {
    await stack.stop();
  }
}

async function requestJsonSandbox(stack, body) {
  const res = await fetch(`${stack.sandboxBase}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`faults → ${res.status}`);
}

/** Waits until `count` of the store's channel orders are imported; answers their rows. */
async function waitFor(stack, storeId, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await stack.sql(`SELECT external_id, imported_at FROM channel_order WHERE store_id = $1 AND state = 'imported'`, [
      storeId,
    ]);
    if (rows.length >= count) return rows;
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${count} orders imported in time`);
    await sleep(250);
  }
}
