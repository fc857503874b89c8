// Scale-out of the workers: stock-sync and order-import throughput with 1 worker process and with 3 (APP_ROLE=worker,
// plus one APP_ROLE=api process, one database and one Redis), the same work for each count, and the ratio 3 ÷ 1.
// BENCH_WORKERS_STOCK_SHOPS, _SKUS, _ORDER_SHOPS, _ORDERS and _COUNTS (e.g. "1,2,3") size it.
import { cpus } from 'node:os';
import { cpuShare, cpuSnapshot, pool } from './lib/load.mjs';
import { startShopifyStack } from './lib/shopify.mjs';

const COUNTS = (process.env.BENCH_WORKERS_COUNTS ?? '1,3').split(',').map(Number);
const STOCK_SHOPS = Number(process.env.BENCH_WORKERS_STOCK_SHOPS ?? 20);
const SKUS_PER_SHOP = Number(process.env.BENCH_WORKERS_SKUS ?? 1200);
const ORDER_SHOPS = Number(process.env.BENCH_WORKERS_ORDER_SHOPS ?? 8);
const ORDERS = Number(process.env.BENCH_WORKERS_ORDERS ?? 2400);
// Every process gets the same pool, so 3 workers do not win by holding more connections (4 processes × 12 ≤ 100).
const POOL_SIZE = '12';
const ORDER_SKUS = 10;
const SAMPLE = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const wall = (performanceMs) => performance.timeOrigin + performanceMs;

export default {
  name: 'workers',
  description:
    `Stock sync and order import with 1 worker process and with 3 (APP_ROLE=worker; one APP_ROLE=api process in front, one database, ` +
    `one Redis, each process with a pool of ${POOL_SIZE} connections), one fresh stack per worker count. Stock: ${STOCK_SHOPS} sandbox shops × ` +
    `${SKUS_PER_SHOP.toLocaleString('en')} mapped variants at one location; the warehouse receives stock for every (item, location) pair while ` +
    'stock sync is off, then absolute mode is switched on for every store at once and the workers push every pair (the first push); ' +
    'throughput = pairs ÷ time from the settings PATCHes until the last push is answered (an answer carries the quantity Shopify now ' +
    'holds; a sample is read back from the sandbox). Orders: ' +
    `${ORDERS.toLocaleString('en')} orders created by the merchant (staff token) in ${ORDER_SHOPS} shops while the workers are stopped: the ` +
    'sandbox delivers their orders/create webhooks and the API stores them in its inbox (as during a worker outage); then the workers ' +
    'start; throughput = orders imported after the last worker is ready ÷ time from then until the last is a WMS order. Every shop is ' +
    'unmetered (`throttle: "off"`), so the work, not ' +
    "Shopify's rate limit, bounds it; the app's calls are still priced in the log. " +
    `This machine has ${cpus().length} cores for the API, the workers, PostgreSQL, Redis, the sandbox (it plays Shopify: it executes every Admin ` +
    'API call and delivers every echo webhook) and the bench client, so 3 workers cannot triple anything here: a third worker only helps ' +
    'while the workers are what holds the cores, and PostgreSQL, the sandbox and the API need them too. The notes say what limited each ' +
    "measurement: every process's share of the cores while it ran (read from /proc), with the push overlap and each push's time.",
  async run({ runsDir, log }) {
    // The API lets one principal start 30 OAuth connects per 10 minutes (each stack starts from an empty database).
    if (STOCK_SHOPS + ORDER_SHOPS > 30) throw new Error('at most 30 shops per stack: the OAuth start route allows 30 per 10 min');
    const rows = [];
    const notes = [];
    const results = new Map();
    for (const workers of COUNTS) {
      log(`${workers} worker(s): starting the stack …`);
      const stack = await startShopifyStack({ runsDir, name: `workers-${workers}`, workers, apiEnv: { DATABASE_POOL_SIZE: POOL_SIZE } });
      try {
        const result = await measure(stack, workers, log);
        results.set(workers, result);
        rows.push(
          {
            metric: `stock sync, ${workers} worker(s): (item, location) pairs on Shopify per second`,
            measured: Math.round(result.stock.rate),
          },
          { metric: `order import, ${workers} worker(s): orders imported per second`, measured: Number(result.orders.rate.toFixed(1)) },
        );
        notes.push(...result.notes.map((n) => `${workers} worker(s): ${n}`));
      } finally {
        await stack.stop();
      }
    }
    const [one, three] = [results.get(1), results.get(3)];
    if (one && three) {
      rows.push(
        { metric: 'stock sync: 3 workers ÷ 1 worker', measured: `${(three.stock.rate / one.stock.rate).toFixed(2)}×` },
        { metric: 'order import: 3 workers ÷ 1 worker', measured: `${(three.orders.rate / one.orders.rate).toFixed(2)}×` },
      );
    }
    return { rows, notes };
  },
};

async function measure(stack, workers, log) {
  const notes = [];
  const warehouseId = (await stack.call('POST', '/warehouses', { code: 'WK', name: 'Bench workers' })).id;
  const shippingProcessId = (await stack.call('POST', '/shipping-processes', { code: 'WK-SHIP', name: 'Ship WK', warehouseId })).id;

  /** An unmetered shop with `skus` variants at one location, connected, mapped; answers what the parts need. */
  const setup = async (label, skus, { quantity }) => {
    const shop = `bench-workers-${label}.myshopify.com`;
    const token = await stack.createShop(shop, { plan: 'standard', locations: ['Main'] });
    await stack.faults(shop, { throttle: 'off' });
    const [locationId] = (await stack.gql(shop, token, '{ locations(first: 1) { nodes { id } } }')).locations.nodes.map((n) => n.id);
    const list = Array.from({ length: skus }, (_, i) => `WK-${label}-${String(i).padStart(5, '0')}`);
    const variants = await stack.seedVariants(shop, token, list, { locationIds: [locationId], perProduct: 100, quantity });
    await stack.sql(`INSERT INTO product (sku, name) SELECT s, s FROM unnest($1::text[]) AS s`, [list]);
    const storeId = await stack.connectShop(shop);
    await stack.call('PUT', `/stores/${storeId}/location-mappings`, [{ locationId, warehouseId, shippingProcessId, isDefault: true }]);
    const synced = await stack.call('POST', `/stores/${storeId}/product-sync`);
    if (synced.counts.mapped !== skus) throw new Error(`product sync of ${shop} mapped ${synced.counts.mapped} of ${skus}`);
    return { shop, token, storeId, locationId, variants };
  };

  log(`${workers} worker(s): ${STOCK_SHOPS} stock shops × ${SKUS_PER_SHOP} variants and ${ORDER_SHOPS} order shops …`);
  const stockShops = await pool(
    Array.from({ length: STOCK_SHOPS }, (_, i) => `s${i}`),
    4,
    (label) => setup(label, SKUS_PER_SHOP, { quantity: 0 }),
  );
  const orderShops = await pool(
    Array.from({ length: ORDER_SHOPS }, (_, i) => `o${i}`),
    4,
    (label) => setup(label, ORDER_SKUS, { quantity: 1_000_000 }),
  );
  const stockStores = stockShops.map((s) => s.storeId);
  await Promise.all([...stockShops, ...orderShops].map((s) => stack.quiesce(s.shop)));

  // ---- stock: the warehouse receives stock for every pair while stock sync is off; then it is switched on for every
  // stock store at once and the workers push it all (absolute mode's first push: every pair set once)
  const quantity = (i) => 1 + (i % 5);
  const movements = stockShops.flatMap((s) =>
    s.variants.map((v, i) => ({ type: 'receipt', sku: v.sku, warehouseId, quantity: quantity(i), reference: 'bench' })),
  );
  log(`${workers} worker(s): receiving ${movements.length} receipts with stock sync off …`);
  const batches = [];
  for (let i = 0; i < movements.length; i += 500) batches.push(movements.slice(i, i + 500));
  await pool(batches, 4, (batch) => stack.call('POST', '/stock/movements/batch', { movements: batch }));
  await outboxIdle(stack);

  const [{ before }] = await stack.sql(`SELECT coalesce(max(id), 0) AS before FROM stock_push`);
  log(`${workers} worker(s): switching stock sync on for ${stockShops.length} stores …`);
  const cpuBefore = cpuSnapshot(pidsOf(stack));
  const stockStart = Date.now();
  await Promise.all(
    stockShops.map((s) =>
      stack.call('PATCH', `/stores/${s.storeId}/settings`, { stockSync: { enabled: true, mode: 'absolute', windowSeconds: 1 } }),
    ),
  );
  await settled(stack, stockStores, 'every pair on Shopify', 600_000);
  const stockCpu = cpuShare(cpuBefore, cpuSnapshot(pidsOf(stack)), namesOf(stack));
  const [push] = await stack.sql(
    `SELECT max(finished_at) AS last, count(*)::int AS pushes, count(*) FILTER (WHERE status = 'failed')::int AS failed,
            coalesce(sum(jsonb_array_length(lines)), 0)::int AS lines
       FROM stock_push WHERE id > $1`,
    [before],
  );
  const stockSeconds = (push.last.getTime() - stockStart) / 1000;
  // How the pushes overlapped: more workers help only if more pushes run at once.
  const spans = await stack.sql(`SELECT created_at AS a, finished_at AS b FROM stock_push WHERE id > $1 ORDER BY created_at`, [before]);
  const ms = spans.map((x) => x.b - x.a).sort((x, y) => x - y);
  const edges = spans.flatMap((x) => [
    [x.a.getTime(), 1],
    [x.b.getTime(), -1],
  ]);
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let inFlight = 0;
  let maxInFlight = 0;
  for (const [, d] of edges) maxInFlight = Math.max(maxInFlight, (inFlight += d));
  const pairs = movements.length;
  // Read a sample back with the merchant's token: the pushes' answers are what the rate counts, Shopify's state proves them.
  let wrong = 0;
  for (let n = 0; n < SAMPLE; n++) {
    const s = stockShops[n % stockShops.length];
    const i = Math.floor((n * 7919) % s.variants.length);
    const data = await stack.gql(
      s.shop,
      s.token,
      `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`,
      { id: s.variants[i].inventoryItemId, loc: s.locationId },
    );
    if (data.inventoryItem.inventoryLevel.quantities[0].quantity !== quantity(i)) wrong++;
  }
  if (wrong > 0) throw new Error(`${wrong} of ${SAMPLE} sampled pairs on Shopify differ from the warehouse`);
  // Each changed pair echoes an inventory_levels/update webhook: the workers take those from the inbox too.
  const echoStart = Date.now();
  await Promise.all([...stockShops, ...orderShops].map((s) => stack.quiesce(s.shop, 600_000)));
  const echoSeconds = (Date.now() - echoStart) / 1000 + (echoStart - push.last.getTime()) / 1000;
  notes.push(
    `stock: ${pairs} pairs in ${stockSeconds.toFixed(1)} s through ${push.pushes} pushes (${push.lines} lines, ${push.failed} failed); ` +
      `first push claimed ${spans[0] ? spans[0].a - stockStart : 0} ms after the PATCHes; a push, claim to answer: median ` +
      `${ms[Math.floor(ms.length / 2)] ?? 0} ms, max ${ms.at(-1) ?? 0} ms; at most ${maxInFlight} pushes in flight at once; ` +
      `${SAMPLE} sampled pairs read back from the sandbox, all equal to the warehouse; their ${pairs} echo webhooks all processed ` +
      `${echoSeconds.toFixed(1)} s after the last push. CPU while pushing: ${describeCpu(stockCpu)}.`,
  );
  log(notes.at(-1));

  // ---- orders: created while the workers are stopped (the API takes the webhooks into its inbox), then drained
  await stack.stopWorkers();
  log(`${workers} worker(s): creating ${ORDERS} orders with the workers stopped …`);
  const createStart = performance.now();
  await pool(
    Array.from({ length: ORDERS }, (_, n) => n),
    8,
    (n) => {
      const s = orderShops[n % orderShops.length];
      return createOrder(stack, s, [
        { variantId: s.variants[n % ORDER_SKUS].variantId, quantity: 1 },
        { variantId: s.variants[(n * 7 + 3) % ORDER_SKUS].variantId, quantity: 2 },
      ]);
    },
  );
  const createSeconds = (performance.now() - createStart) / 1000;
  await inboxHolds(stack, orderShops, ORDERS);
  const storeIds = orderShops.map((s) => s.storeId);

  log(`${workers} worker(s): starting the workers, order import drains …`);
  const orderWorkers = await stack.startWorkers(workers);
  // From the moment the last worker is ready: a worker that booted earlier started on the backlog alone, so the orders
  // imported before then are left out of the rate (booting the others takes CPU from it on this machine).
  const firstReady = wall(Math.min(...orderWorkers.map((w) => w.readyAt)));
  const allReady = wall(Math.max(...orderWorkers.map((w) => w.readyAt)));
  const orderCpuBefore = cpuSnapshot(pidsOf(stack));
  const deadline = Date.now() + 600_000;
  let imported;
  for (;;) {
    [imported] = await stack.sql(
      `SELECT count(*)::int AS n, max(imported_at) AS last, count(*) FILTER (WHERE imported_at < to_timestamp($2 / 1000.0))::int AS early
         FROM channel_order WHERE store_id = ANY($1::uuid[]) AND state = 'imported'`,
      [storeIds, allReady],
    );
    if (imported.n >= ORDERS) break;
    if (Date.now() > deadline) throw new Error(`only ${imported.n} of ${ORDERS} orders imported in time`);
    await sleep(250);
  }
  const orderCpu = cpuShare(orderCpuBefore, cpuSnapshot(pidsOf(stack)), namesOf(stack));
  const orderSeconds = (imported.last.getTime() - allReady) / 1000;
  const orderRate = (ORDERS - imported.early) / orderSeconds;
  const calls = (await Promise.all(orderShops.map((s) => stack.sandboxLog(s.shop))))
    .flat()
    .filter((c) => !c.staff && Date.parse(c.at) >= firstReady);
  notes.push(
    `orders: ${ORDERS} created beforehand at ${Math.round(ORDERS / createSeconds)}/s; ${ORDERS - imported.early} imported in ` +
      `${orderSeconds.toFixed(1)} s after the last worker was ready (${imported.early} before, by the ${Math.round(allReady - firstReady)} ms ` +
      `the first was ready earlier); ${calls.length} Admin API calls by the workers while importing ` +
      `(${[...new Set(calls.map((c) => c.operationName))].join(', ') || 'none'}). CPU while importing: ${describeCpu(orderCpu)}.`,
  );
  log(notes.at(-1));
  return { stock: { rate: pairs / stockSeconds }, orders: { rate: orderRate }, notes };
}

const pidsOf = (stack) => [stack.api.child.pid, stack.sandbox.child.pid, process.pid, ...stack.workers.map((w) => w.child.pid)];
const namesOf = (stack) => ({
  api: [stack.api.child.pid],
  workers: stack.workers.map((w) => w.child.pid),
  sandbox: [stack.sandbox.child.pid],
  'bench client': [process.pid],
});

/** "machine 1.9 of 2 cores busy: sandbox 0.8, workers 0.6, …" (PostgreSQL counts every postgres process on the machine). */
function describeCpu(share) {
  const { busy, ...parts } = share;
  const listed = Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
    .join(', ');
  return `${busy.toFixed(2)} of ${cpus().length} cores busy, of which ${listed} (the remainder: other processes on the machine)`;
}

/** Every outbox event handled. */
async function outboxIdle(stack) {
  const deadline = Date.now() + 300_000;
  while ((await stack.sql(`SELECT count(*)::int AS n FROM outbox_event WHERE handled_at IS NULL`))[0].n > 0) {
    if (Date.now() > deadline) throw new Error('outbox events still unhandled after 300 s');
    await sleep(200);
  }
}

/** Nothing left to push for these stores: every outbox event handled, no pair behind, no push on its way. */
async function settled(stack, storeIds, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await stack.sql(
      `SELECT (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL)::int AS events,
              (SELECT count(*) FROM stock_sync_item WHERE store_id = ANY($1::uuid[]) AND (wanted_version > pushed_version OR push_id IS NOT NULL))::int AS behind,
              (SELECT count(*) FROM stock_push WHERE status = 'pending')::int AS pushes`,
      [storeIds],
    );
    if (row.events === 0 && row.behind === 0 && row.pushes === 0) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(row)}`);
    await sleep(200);
  }
}

/** Waits until the sandbox delivered every webhook of these shops and the inbox holds `count` orders/create deliveries. */
async function inboxHolds(stack, shops, count) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const pending = await Promise.all(
      shops.map(
        async (s) =>
          (await (await fetch(`${stack.sandboxBase}/__sandbox/shops/${s.shop}/webhook-deliveries?state=pending`)).json()).deliveries.length,
      ),
    );
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM shopify_webhook_inbox WHERE topic = 'orders/create' AND shop_domain = ANY($1::text[])`,
      [shops.map((s) => s.shop)],
    );
    if (pending.every((p) => p === 0) && n >= count) return;
    if (Date.now() > deadline) throw new Error(`the inbox holds ${n} of ${count} orders/create deliveries`);
    await sleep(250);
  }
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }`;

async function createOrder(stack, s, lines) {
  const data = await stack.gql(s.shop, s.token, ORDER_CREATE, {
    order: {
      email: 'bench@example.com',
      financialStatus: 'PAID',
      shippingAddress: { firstName: 'B', lastName: 'Ench', address1: '1 Main St', city: 'Springfield', countryCode: 'US', zip: '12345' },
      lineItems: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, requiresShipping: true })),
    },
  });
  if (data.orderCreate.userErrors.length) throw new Error(JSON.stringify(data.orderCreate.userErrors));
  return data.orderCreate.order.id;
}
