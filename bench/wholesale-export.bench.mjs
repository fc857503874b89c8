// Wholesale export JOOR → Shopify (issue 15): 1,000 approved JOOR orders of 1–20 lines exported to a standard-plan shop,
// measured against the floor that Shopify's restore rate and JOOR's credits allow.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../scripts/lib/infra.mjs';
import { startService, stopService, waitForHttp } from '../scripts/lib/services.mjs';
import { pool, requestJson } from './lib/load.mjs';
import { startShopifyStack, VERSION } from './lib/shopify.mjs';

// BENCH_EXPORT_ORDERS=100 while working on it; a full run exports 1,000.
const ORDERS = Number(process.env.BENCH_EXPORT_ORDERS ?? 1_000);
const MAX_LINES = 20;
const VARIANTS = 200;
// JOOR's documented limit: 300 credits per 300 s per account (GET = 1 credit). The stand-in runs the same credits in a
// window shortened by SCALE, so 1,000 orders take minutes instead of ~17; every JOOR floor below is in that scale.
// BENCH_JOOR_SCALE and BENCH_JOOR_CREDITS change them while working on it (e.g. few credits to see 429s with few orders).
const JOOR_CREDITS = Number(process.env.BENCH_JOOR_CREDITS ?? 300);
const JOOR_WINDOW_S = 300;
const SCALE = Number(process.env.BENCH_JOOR_SCALE ?? 4);
const WINDOW_S = JOOR_WINDOW_S / SCALE;

const ACCOUNT = 'acct-bench-export';
const API_TOKEN = 'token-bench-export-0123456789';
const SHOP = 'bench-export.myshopify.com';

// The engine's Admin API operations (libs/channels/shopify/src/exports), by what they are for.
const RESOLVE_OPS = new Set([
  'ExportItemsByUpc',
  'ExportItemsByStyle',
  'ExportProductVariants',
  'ExportAvailableAt',
  'ExportAvailableSummed',
  'ExportItemLevels',
]);
const CREATE_OPS = new Set(['ExportOrderCreate']);
const LOOKUP_OPS = new Set(['ExportOrdersByIdentity', 'ExportOrdersByIds']);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (floorS, achievedS) => (achievedS > 0 ? (100 * floorS) / achievedS : NaN);

export default {
  name: 'wholesale-export',
  description:
    `${ORDERS.toLocaleString('en')} approved JOOR orders of 1–${MAX_LINES} lines (${VARIANTS} variants, every unit in stock: the default ` +
    '`inventoryBehaviour` gates on availability) exported by one manual run (POST /stores/:id/joor-sync) to a standard-plan ' +
    `Shopify shop (throttling on). JOOR stand-in: its own sandbox process, ${JOOR_CREDITS} credits per window, the window shortened ` +
    `${SCALE}× from JOOR's ${JOOR_WINDOW_S} s to ${WINDOW_S} s (at 10× JOOR's credits would outpace what Shopify's restore rate lets ` +
    `through and never bind; at ${SCALE}× JOOR binds, as it does at its real window). Timed from the request until the last order is created on Shopify (\`exported_at\`) and ` +
    "until the last one is marked exported on JOOR (`marked_at`), separately. Floors: the run's own Shopify cost ÷ the plan's " +
    "restore rate, and its own JOOR credits ÷ JOOR's credit rate (in the bench's scale); the binding floor is the larger. " +
    "Calls, THROTTLED answers and 429s come from the two stand-ins' call logs; duplicates from every order on the shop.",
  async run({ runsDir, log }) {
    const rows = [];
    const notes = [];
    // The stack starts the app with its env before its sandbox is known, so the JOOR stand-in (and the SMTP receiver for
    // the digest) runs in a second sandbox process whose address the app gets up front.
    const joor = await startJoorStandIn(runsDir);
    let stack = null;
    try {
      stack = await startShopifyStack({
        runsDir,
        name: 'wholesale-export',
        apiEnv: { JOOR_API_URL: `${joor.base}/joor/v2`, SMTP_URL: `smtp://127.0.0.1:${joor.smtpPort}` },
      });
      const setup = await setUp(stack, joor, log);
      const result = await measure(stack, joor, setup, log, runsDir);
      report(result, rows, notes);
    } finally {
      if (stack) await stack.stop();
      await stopService(joor.service);
    }
    return { rows, notes };
  },
};

async function startJoorStandIn(runsDir) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const service = startService('joor-sandbox', 'dist/apps/sandbox/src/main.js', {
    env: { SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1', SANDBOX_SMTP_PORT: String(await freePort()) },
    logFile: join(runsDir, 'wholesale-export-joor-sandbox.log'),
  });
  try {
    await waitForHttp(service, `${base}/__sandbox/health`);
  } catch (error) {
    await stopService(service);
    throw error;
  }
  const { smtpPort } = await requestJson('GET', `${base}/__sandbox/health`);
  const control = (method, path, body) => requestJson(method, `${base}/__sandbox/joor${path}`, { body });
  return { base, smtpPort, service, control };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run exports the same orders. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const numeric = (gid) => gid.slice(gid.lastIndexOf('/') + 1);

/** A JOOR v2 order (flat, numbers as strings), as apps/api/test/wholesale-export.fixture.ts builds them. */
function joorOrder(orderId, lines) {
  return {
    order_id: orderId,
    status: 'APPROVED',
    customer_purchase_order: `PO-${orderId}`,
    order_currency: 'USD',
    order_delivery_name: 'FW26 Delivery 1',
    order_delivery_code: 'FW26D1',
    order_season_code: 'FW26',
    date_ship_start: '2026-07-01',
    date_ship_end: '2026-07-31',
    order_comments: 'Please ship complete',
    customer_name: 'Boutique Nord',
    customer_code: '6789',
    customer_buyer_name: 'Anna Berg',
    company_name: 'Boutique Nord AB',
    created_by_email: 'anna@boutiquenord.example',
    payment_method_name: 'Net 30',
    shipping_method_name: 'UPS Ground',
    shipping_name: 'Boutique Nord',
    shipping_email: 'orders@boutiquenord.example',
    shipping_phone: '+46 8 123 456',
    shipping_address_1: 'Storgatan 1',
    shipping_city: 'Stockholm',
    shipping_postal_code: '111 22',
    shipping_country: 'Sweden',
    shipping_country_iso_two: 'SE',
    billing_name: 'Boutique Nord AB',
    billing_address_1: 'Box 42',
    billing_city: 'Stockholm',
    billing_postal_code: '111 23',
    billing_country: 'Sweden',
    billing_country_iso_two: 'SE',
    line_items: lines.map((l, i) => ({
      item_name: `Style ${i + 1}`,
      item_number: `STYLE-${i + 1}`,
      item_style_id: `70${i}`,
      item_upc: numeric(l.variantId),
      item_quantity: String(l.quantity),
      item_price: '21.00',
      item_unit_price: '21.00',
      item_price_adjustment: '0',
    })),
  };
}

async function setUp(stack, joor, log) {
  const token = await stack.createShop(SHOP, { plan: 'standard', locations: ['Main'] });
  const locationId = (await stack.gql(SHOP, token, '{ locations(first: 1) { nodes { id } } }')).locations.nodes[0].id;
  // Far more stock than the orders take (~10.5 lines × 2 units each, spread over the variants): no order is held back.
  const names = Array.from({ length: VARIANTS }, (_, i) => `wx-${String(i).padStart(3, '0')}`);
  const variants = await stack.seedVariants(SHOP, token, names, { locationIds: [locationId], quantity: 100_000 });
  const storeId = await stack.connectShop(SHOP);
  await stack.call('POST', '/plugins/joor-b2b/activate');
  // What the sandbox's cost bucket does for the standard plan, as its own throttleStatus says (apps/sandbox/src/throttle).
  const probe = await requestJson('POST', `${stack.sandboxBase}/${SHOP}/admin/api/${VERSION}/graphql.json`, {
    body: { query: '{ shop { name } }' },
    headers: { 'x-shopify-access-token': token },
  });
  const bucket = probe.extensions.cost.throttleStatus;

  await joor.control('POST', '/accounts', {
    account: ACCOUNT,
    apiToken: API_TOKEN,
    rateLimit: { credits: JOOR_CREDITS, windowSeconds: WINDOW_S },
  });
  const joorStoreId = (await stack.call('POST', '/stores/joor', { name: 'JOOR bench', apiToken: API_TOKEN, shopifyStoreId: storeId })).id;
  // A new store's schedule runs at once (within the scheduler's 10 s ensure): let that run find nothing and finish, so
  // the measured run is the one asked for, and the next scheduled one is 15 minutes away.
  await waitFor(
    async () =>
      (
        await stack.sql(
          `SELECT count(*)::int AS n FROM sync_run WHERE store_id = $1 AND kind = 'wholesale-export' AND status <> 'running'`,
          [joorStoreId],
        )
      )[0].n > 0,
    60_000,
    'the first scheduled run of the new JOOR store',
  );

  log(`seeding ${ORDERS} approved JOOR orders …`);
  const rand = random(15);
  const orders = Array.from({ length: ORDERS }, (_, n) => {
    const count = 1 + Math.floor(rand() * MAX_LINES);
    const first = Math.floor(rand() * VARIANTS);
    const lines = Array.from({ length: count }, (_, i) => ({
      variantId: variants[(first + i * 7) % VARIANTS].variantId,
      quantity: 1 + Math.floor(rand() * 3),
    }));
    return { id: String(100_001 + n), lines };
  });
  await pool(orders, 8, (o) => joor.control('POST', '/orders', { account: ACCOUNT, order: joorOrder(o.id, o.lines) }));
  return { token, storeId, joorStoreId, bucket, orders };
}

async function measure(stack, joor, setup, log, runsDir) {
  const { joorStoreId, bucket, orders } = setup;
  // Both limits start full, as for a store that has been idle: a reconfigured JOOR limit starts a fresh window, and the
  // app's bucket has refilled once its last call's level plus what refilled since reaches the maximum.
  await joor.control('POST', '/accounts', {
    account: ACCOUNT,
    apiToken: API_TOKEN,
    rateLimit: { credits: JOOR_CREDITS, windowSeconds: WINDOW_S },
  });
  const lastApp = (await stack.sandboxLog(SHOP)).filter((c) => !c.staff && c.available !== null).at(-1);
  if (lastApp) {
    const level = lastApp.available + ((Date.now() - Date.parse(lastApp.at)) / 1000) * bucket.restoreRate;
    if (level < bucket.maximumAvailable) await sleep(((bucket.maximumAvailable - level) / bucket.restoreRate) * 1000 + 500);
  }

  log(`exporting ${ORDERS} orders …`);
  const t0 = Date.now();
  const requested = await stack.call('POST', `/stores/${joorStoreId}/joor-sync`);
  const progress = async () =>
    (
      await stack.sql(
        `SELECT count(*) FILTER (WHERE exported_at IS NOT NULL)::int AS exported, count(*) FILTER (WHERE marked_at IS NOT NULL)::int AS marked,
                count(*) FILTER (WHERE state = 'failed')::int AS failed, count(*)::int AS recorded,
                extract(epoch FROM max(exported_at)) * 1000 AS "lastExported", extract(epoch FROM max(marked_at)) * 1000 AS "lastMarked"
           FROM wholesale_export WHERE store_id = $1`,
        [joorStoreId],
      )
    )[0];
  let state;
  let lastLog = 0;
  const deadline = t0 + Math.max(600_000, ORDERS * 1_500);
  for (;;) {
    state = await progress();
    if (Date.now() - lastLog >= 15_000) {
      log(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${state.exported} exported, ${state.marked} marked, ${state.failed} failed`);
      lastLog = Date.now();
    }
    if (state.marked >= ORDERS || (state.recorded >= ORDERS && state.marked + state.failed >= ORDERS)) break;
    if (Date.now() > deadline) {
      throw new Error(
        `after ${(Date.now() - t0) / 1000} s: ${state.exported} of ${ORDERS} exported, ${state.marked} marked, ${state.failed} failed`,
      );
    }
    await sleep(250);
  }
  const endedAt = Date.now();
  const run = await stack.call('GET', `/sync-runs/${requested.id}`);
  const failures = await stack.sql(
    `SELECT failure_code AS code, count(*)::int AS n FROM wholesale_export WHERE store_id = $1 AND state = 'failed' GROUP BY 1`,
    [joorStoreId],
  );

  // The app's Admin API calls and JOOR calls from the request to the last mark (the stand-ins keep 5,000 entries each).
  const shopifyLog = await stack.sandboxLog(SHOP);
  const shopifyCalls = shopifyLog.filter((c) => !c.staff && Date.parse(c.at) >= t0 && Date.parse(c.at) <= endedAt);
  const joorLog = (await joor.control('GET', `/accounts/${ACCOUNT}/log`)).calls;
  const joorCalls = joorLog.filter((c) => Date.parse(c.at) >= t0 && Date.parse(c.at) <= endedAt);
  const truncated = shopifyLog.length >= 5000 || joorLog.length >= 5000;
  // For a look at the timeline after the run (bench/.runs is not committed).
  const timeline = await stack.sql(
    `SELECT source_order_id AS id, extract(epoch FROM exported_at) * 1000 - $2 AS exported, extract(epoch FROM marked_at) * 1000 - $2 AS marked
       FROM wholesale_export WHERE store_id = $1 ORDER BY exported_at`,
    [joorStoreId, t0],
  );
  writeFileSync(
    join(runsDir, 'wholesale-export-calls.json'),
    JSON.stringify({ t0, timeline, shopify: shopifyCalls, joor: joorCalls }, null, 1),
  );

  log('checking every order on Shopify and JOOR …');
  const shopifyOrders = await allShopifyOrders(stack, setup.token);
  const joorStates = await pool(orders, 8, (o) => joor.control('GET', `/orders/${o.id}`));
  return { t0, state, run, failures, shopifyCalls, joorCalls, truncated, shopifyOrders, joorStates, bucket, orders };
}

/** Every order on the shop (staff token, its own bucket), retried while that bucket is empty. */
async function allShopifyOrders(stack, token) {
  const out = [];
  let after = null;
  for (;;) {
    let data;
    for (let attempt = 0; ; attempt++) {
      try {
        data = await stack.gql(
          SHOP,
          token,
          `query($after: String) { orders(first: 250, after: $after, sortKey: ID) { nodes { id sourceIdentifier tags } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        break;
      } catch (error) {
        if (!/THROTTLED|Throttled/.test(String(error)) || attempt > 50) throw error;
        await sleep(1000);
      }
    }
    out.push(...data.orders.nodes);
    if (!data.orders.pageInfo.hasNextPage) return out;
    after = data.orders.pageInfo.endCursor;
  }
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function report(r, rows, notes) {
  const { t0, state, bucket } = r;
  const exportedS = (state.lastExported - t0) / 1000;
  const markedS = (state.lastMarked - t0) / 1000;
  const doneS = Math.max(exportedS, markedS);

  // Shopify: every point the app spent in the run, at the plan's restore rate.
  const points = r.shopifyCalls.reduce((sum, c) => sum + (c.actualCost ?? 0), 0);
  const shopifyFloorS = points / bucket.restoreRate;
  const shopifyBurstFloorS = Math.max(0, points - bucket.maximumAvailable) / bucket.restoreRate;
  // JOOR: every credit the run took, at 300 credits per (scaled) window.
  const credits = r.joorCalls.reduce((sum, c) => sum + c.credits, 0);
  const joorFloorS = credits / (JOOR_CREDITS / WINDOW_S);
  const joorWindowFloorS = Math.max(0, Math.ceil(credits / JOOR_CREDITS) - 1) * WINDOW_S;
  const bindingS = Math.max(shopifyFloorS, joorFloorS);
  const binding = shopifyFloorS >= joorFloorS ? 'Shopify' : 'JOOR';

  const byOp = new Map();
  for (const c of r.shopifyCalls) byOp.set(c.operationName ?? '(none)', (byOp.get(c.operationName ?? '(none)') ?? 0) + 1);
  const count = (ops) => r.shopifyCalls.filter((c) => ops.has(c.operationName)).length;
  const resolve = count(RESOLVE_OPS);
  const creates = count(CREATE_OPS);
  const lookups = count(LOOKUP_OPS);
  const other = r.shopifyCalls.length - resolve - creates - lookups;
  const exportCalls = resolve + creates + lookups;
  const throttled = r.shopifyCalls.filter((c) => c.throttled).length;
  const http429 = r.shopifyCalls.filter((c) => c.status === 429).length;

  const joor429 = r.joorCalls.filter((c) => c.status === 429).length;
  const pageReads = r.joorCalls.filter((c) => c.status === 200 && c.query.sync === '0').length;
  const marks = r.joorCalls.filter((c) => c.status === 200 && c.query.sync === '1').length;
  const otherJoor = r.joorCalls.filter((c) => c.status !== 200 && c.status !== 429).length;

  // Duplicates: Shopify orders per JOOR order, by the export identity (sourceIdentifier) and, as a cross-check, its tag.
  const perOrder = new Map(r.orders.map((o) => [o.id, { identity: 0, tag: 0 }]));
  const prefix = `joor-b2b:${ACCOUNT}:`;
  for (const o of r.shopifyOrders) {
    const id = o.sourceIdentifier?.startsWith(prefix) ? o.sourceIdentifier.slice(prefix.length).split(':')[0] : null;
    if (id && perOrder.has(id)) perOrder.get(id).identity += 1;
    for (const tag of o.tags ?? []) {
      const t = /^JOOR-(\d+)$/.exec(tag);
      if (t && perOrder.has(t[1])) perOrder.get(t[1]).tag += 1;
    }
  }
  const counts = [...perOrder.values()];
  const duplicates = counts.reduce((sum, c) => sum + Math.max(0, c.identity - 1), 0);
  const tagDuplicates = counts.reduce((sum, c) => sum + Math.max(0, c.tag - 1), 0);
  const onShopify = counts.filter((c) => c.identity >= 1).length;
  const markedOnJoor = r.joorStates.filter((s) => s.exportState === 'SUCCESS').length;
  const markedTwice = r.joorStates.filter((s) => s.timesMarked > 1).length;
  const lines = r.orders.reduce((sum, o) => sum + o.lines.length, 0);

  const ratio = pct(bindingS, doneS);
  rows.push(
    { metric: `orders on Shopify ÷ JOOR orders`, measured: `${onShopify} ÷ ${ORDERS}`, target: 'equal', met: onShopify === ORDERS },
    { metric: 'orders marked exported on JOOR', measured: `${markedOnJoor} ÷ ${ORDERS}`, target: 'equal', met: markedOnJoor === ORDERS },
    {
      metric: 'duplicates (Shopify orders beyond one per JOOR order)',
      measured: duplicates,
      target: '0',
      met: duplicates === 0 && tagDuplicates === 0,
    },
    { metric: 'until the last order is on Shopify', measured: exportedS, unit: 's' },
    { metric: `… Shopify floor: ${points} points ÷ ${bucket.restoreRate} points/s`, measured: shopifyFloorS, unit: 's' },
    { metric: '… share of the Shopify floor rate', measured: `${pct(shopifyFloorS, exportedS).toFixed(0)} %` },
    { metric: 'until the last order is marked on JOOR', measured: markedS, unit: 's' },
    {
      metric: `… JOOR floor: ${credits} credits ÷ (${JOOR_CREDITS} per ${WINDOW_S} s, ${SCALE}× JOOR's)`,
      measured: joorFloorS,
      unit: 's',
    },
    { metric: '… share of the JOOR floor rate', measured: `${pct(joorFloorS, markedS).toFixed(0)} %` },
    {
      metric: `achieved rate ÷ binding floor rate (${binding}: ${bindingS.toFixed(1)} s; done in ${doneS.toFixed(1)} s)`,
      measured: `${ratio.toFixed(0)} %`,
      target: '≥ 90 %',
      met: ratio >= 90,
    },
    {
      metric: `… against the bucket-aware floor (${Math.max(shopifyBurstFloorS, joorWindowFloorS).toFixed(1)} s: both limits start full)`,
      measured: `${pct(Math.max(shopifyBurstFloorS, joorWindowFloorS), doneS).toFixed(0)} %`,
    },
    { metric: 'orders per second (exported and marked)', measured: ORDERS / doneS },
    {
      metric: 'Admin API calls per order (resolve + orderCreate + lookups)',
      measured: `${(exportCalls / ORDERS).toFixed(2)} (${(resolve / ORDERS).toFixed(2)} + ${(creates / ORDERS).toFixed(2)} + ${(lookups / ORDERS).toFixed(2)})`,
    },
    { metric: 'Admin API points per order', measured: points / ORDERS },
    { metric: 'THROTTLED answers (handled: every order exported)', measured: throttled, target: 'handled', met: onShopify === ORDERS },
    {
      metric: 'JOOR 429 answers (handled: every order marked)',
      measured: joor429,
      target: 'handled',
      met: markedOnJoor === ORDERS,
    },
    {
      metric: 'JOOR calls per order (page reads + marks)',
      measured: `${((pageReads + marks) / ORDERS).toFixed(3)} (${pageReads} + ${marks})`,
    },
  );
  notes.push(
    `${ORDERS} orders, ${lines} lines (${(lines / ORDERS).toFixed(1)} per order); the run's status ${r.run.status}, counts ${JSON.stringify(r.run.counts)}` +
      `${r.failures.length ? `; failed exports: ${r.failures.map((f) => `${f.code} ${f.n}`).join(', ')}` : ''}.`,
    `Admin API calls by operation: ${[...byOp.entries()].map(([op, n]) => `${op} ${n}`).join(', ')}` +
      `${other ? ` (${other} not the export's)` : ''}; HTTP 429 ${http429}; standard plan: bucket ${bucket.maximumAvailable} points, ` +
      `restore ${bucket.restoreRate} points/s.`,
    `Bucket-aware floors (both limits start full): Shopify ${shopifyBurstFloorS.toFixed(1)} s (the first ${bucket.maximumAvailable} points are in the ` +
      `bucket already), JOOR ${joorWindowFloorS.toFixed(0)} s (JOOR's window is fixed: its ${JOOR_CREDITS} credits are there at the first call); ` +
      'the rows use the rate floors.',
    `JOOR: ${r.joorCalls.length} calls, ${credits} credits, ${joor429} refused (429)${otherJoor ? `, ${otherJoor} other errors` : ''}; ` +
      `${markedTwice} orders marked more than once. At JOOR's real window (${JOOR_WINDOW_S} s) the same credits need ` +
      `${(joorFloorS * SCALE).toFixed(0)} s against Shopify's ${shopifyFloorS.toFixed(0)} s: there ${joorFloorS * SCALE > shopifyFloorS ? 'JOOR' : 'Shopify'} binds.`,
    ...(r.truncated ? ['A stand-in call log reached its 5,000 entries: the counts above may miss the oldest calls.'] : []),
  );
}
