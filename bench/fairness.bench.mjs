// Fairness between tenants: 100 Shopify stores of 1,000 mapped SKUs each on one API process. While one store floods
// (10,000 movements) and ten others are throttled by Shopify on every call, quiet stores' isolated movements must still
// reach Shopify within their target. Side by side: the same quiet movements on an idle system.
import { num, sleep, startReceiver, tracker, until } from './lib/inventory-watch.mjs';
import { percentile, pool } from './lib/load.mjs';
import { startShopifyStack } from './lib/shopify.mjs';

const STORES = Number(process.env.BENCH_FAIR_STORES ?? 100);
const SKUS = Number(process.env.BENCH_FAIR_SKUS ?? 1000);
const FLOOD = Number(process.env.BENCH_FAIR_FLOOD ?? 10_000);
const NOISY = Math.min(10, Math.max(0, STORES - 3));
const IDLE_SAMPLES = Math.min(20, Math.floor((STORES - 1 - NOISY) / 3));
const GAP_MS = 300;
const WINDOW_S = 30;
const TARGET_S = 3;

const shopName = (i) => `bench-fair-${String(i).padStart(3, '0')}.myshopify.com`;

export default {
  name: 'fairness',
  description:
    `${STORES} sandbox shops (standard plan) with ${SKUS.toLocaleString('en')} mapped SKUs each (${(STORES * SKUS).toLocaleString('en')} ` +
    `variants), one location each mapped to one warehouse, stock sync on in delta mode (window ${WINDOW_S} s), one API ` +
    'process (APP_ROLE=all). One store floods: ' +
    `${FLOOD.toLocaleString('en')} receipts over its SKUs, batches of 100 from 4 posters as fast as the API takes them; ` +
    `${NOISY} other stores get one movement each while the sandbox throttles every call of theirs (\`throttle: true\`), so ` +
    'their pushes keep meeting THROTTLED. Meanwhile every 0.3 s a different quiet store gets one receipt on one SKU (an ' +
    "isolated movement: its store pushed nothing in the window), and its latency is the time from the movement's HTTP 201 " +
    'to the `inventory_levels/update` webhook carrying the new value (a receiver in the bench, subscribed with the staff ' +
    'token). Side by side: the same kind of isolated movements on the idle system, before the flood.',
  async run({ runsDir, log }) {
    const stack = await startShopifyStack({ runsDir, name: 'fairness' });
    const receiver = await startReceiver();
    try {
      const wh = (await stack.call('POST', '/warehouses', { code: 'FAIR', name: 'Fairness bench' })).id;
      const ship = (await stack.call('POST', '/shipping-processes', { code: 'FAIR-SHIP', name: 'Ship', warehouseId: wh })).id;
      const skusOf = (i) => Array.from({ length: SKUS }, (_, k) => `F${String(i).padStart(3, '0')}-${String(k).padStart(4, '0')}`);
      await stack.sql(`INSERT INTO product (sku, name) SELECT s, s FROM unnest($1::text[]) AS s`, [
        Array.from({ length: STORES }, (_, i) => skusOf(i)).flat(),
      ]);

      log(`setting up ${STORES} shops × ${SKUS} variants (seed, OAuth, location mapping, product sync, stock sync on) …`);
      let t0 = performance.now();
      const shops = await pool(
        Array.from({ length: STORES }, (_, i) => i),
        4,
        async (i) => {
          const shop = shopName(i);
          const token = await stack.createShop(shop, { plan: 'standard' });
          const locationId = (await stack.gql(shop, token, '{ locations(first: 1) { nodes { id } } }')).locations.nodes[0].id;
          const skus = skusOf(i);
          const variants = await stack.seedVariants(shop, token, skus, {
            locationIds: [locationId],
            perProduct: 100,
            quantity: 0,
            concurrency: 2,
          });
          // OAuth starts are limited to 30 per 10 minutes per key: the bench connects 100 shops with one key, so it
          // forgets the count (a real onboarding of this many shops would spread them over keys or time).
          await stack.sql(`DELETE FROM rate_limit_counter`);
          const storeId = await stack.connectShop(shop);
          await stack.call('PUT', `/stores/${storeId}/location-mappings`, [
            { locationId, warehouseId: wh, shippingProcessId: ship, isDefault: true },
          ]);
          const synced = await stack.call('POST', `/stores/${storeId}/product-sync`);
          if (synced.counts.mapped !== SKUS) throw new Error(`product sync of ${shop} mapped ${synced.counts.mapped} of ${SKUS}`);
          await stack.call('PATCH', `/stores/${storeId}/settings`, {
            stockSync: { enabled: true, mode: 'delta', windowSeconds: WINDOW_S },
          });
          const keyOf = new Map(variants.map((v) => [v.sku, `${num(v.inventoryItemId)}:${num(locationId)}`]));
          return { i, shop, token, storeId, skus, keyOf, track: tracker() };
        },
      );
      await until(
        async () => (await stack.sql(`SELECT count(*)::int AS n FROM outbox_event WHERE handled_at IS NULL`))[0].n === 0,
        300_000,
        'every store set up',
      );
      log(`set up in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

      const [flood, ...rest] = shops;
      const noisy = rest.slice(0, NOISY);
      const quiet = rest.slice(NOISY);
      const idleQuiet = quiet.slice(0, IDLE_SAMPLES);
      const loadQuiet = quiet.slice(IDLE_SAMPLES);
      for (const s of [flood, ...quiet]) {
        const sub = await stack.gql(
          s.shop,
          s.token,
          `mutation($uri: String!) { webhookSubscriptionCreate(topic: INVENTORY_LEVELS_UPDATE, webhookSubscription: { uri: $uri }) { userErrors { message } } }`,
          // A path per shop: the sandbox delivers one endpoint's webhooks through one lane, and the flood's echoes
          // must not queue the quiet stores' webhooks behind them (Shopify sends each app's webhooks per shop).
          { uri: `${receiver.url}/${s.i}` },
        );
        if (sub.webhookSubscriptionCreate.userErrors.length) throw new Error(JSON.stringify(sub.webhookSubscriptionCreate.userErrors));
        receiver.listeners.set(s.shop, s.track.seen);
      }
      const receipt = (sku, quantity = 1) => ({ type: 'receipt', sku, warehouseId: wh, quantity, reference: 'fairness' });
      // One receipt on a random SKU of each store, GAP_MS apart; the latency starts at the HTTP 201.
      const isolated = async (stores) => {
        for (const s of stores) {
          const sku = s.skus[Math.floor(Math.random() * s.skus.length)];
          await stack.call('POST', '/stock/movements', receipt(sku));
          s.track.sent(s.keyOf.get(sku), 1, performance.now());
          s.sample = { sku, answeredAt: Date.now(), offsetS: (performance.now() - loadStart) / 1000 };
          await sleep(GAP_MS);
        }
      };
      let loadStart = performance.now();
      const latencies = (stores) => stores.flatMap((s) => s.track.latencies).sort((a, b) => a - b);
      const unresolved = (stores) => stores.reduce((n, s) => n + [...s.track.pending.values()].reduce((m, l) => m + l.length, 0), 0);

      log(`idle: ${idleQuiet.length} isolated movements …`);
      await isolated(idleQuiet);
      await until(() => unresolved(idleQuiet) === 0, 30_000, 'the idle movements on Shopify').catch(() => undefined);

      log(`flood of ${FLOOD} movements on ${flood.shop}, ${noisy.length} throttled stores, ${loadQuiet.length} isolated movements …`);
      for (const s of noisy) {
        await fetch(`${stack.sandboxBase}/__sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ shop: s.shop, throttle: true }),
        });
      }
      const floodMoves = Array.from({ length: FLOOD }, () =>
        receipt(flood.skus[Math.floor(Math.random() * flood.skus.length)], 1 + Math.floor(Math.random() * 3)),
      );
      const batches = [];
      for (let k = 0; k < floodMoves.length; k += 100) batches.push(floodMoves.slice(k, k + 100));
      t0 = performance.now();
      loadStart = t0;
      const floodSent = (async () => {
        await stack.call('POST', '/stock/movements/batch', { movements: noisy.map((s) => receipt(s.skus[0], 2)) });
        await pool(batches, 4, async (batch) => {
          await stack.call('POST', '/stock/movements/batch', { movements: batch });
          for (const m of batch) flood.track.sent(flood.keyOf.get(m.sku), m.quantity, 0, false);
        });
        return performance.now();
      })();
      await isolated(loadQuiet);
      const floodEnd = await floodSent;
      const floodSeconds = (floodEnd - t0) / 1000;
      await until(() => unresolved(loadQuiet) === 0, 60_000, 'the isolated movements under load on Shopify').catch(() => undefined);
      const floodOnShopify = await until(() => flood.track.settled(), (WINDOW_S + 60) * 1000, "the flood's values on Shopify").then(
        () => (performance.now() - t0) / 1000,
        () => null,
      );
      const noisyIds = noisy.map((s) => s.storeId);
      const [deferred] = await stack.sql(
        `SELECT count(*)::int AS runs, count(DISTINCT store_id)::int AS stores FROM sync_run
          WHERE kind = 'stock-push' AND store_id = ANY($1::uuid[]) AND counts ? 'deferred'`,
        [noisyIds],
      );
      const noisyCalls = (await Promise.all(noisy.map((s) => stack.sandboxLog(s.shop)))).flat().filter((c) => !c.staff && c.throttled);
      const floodCalls = (await stack.sandboxLog(flood.shop)).filter(
        (c) => !c.staff && /GantryAdjustAvailable/.test(c.operationName ?? ''),
      );

      // The throttled stores' movements go once Shopify lets them.
      for (const s of noisy) {
        await fetch(`${stack.sandboxBase}/__sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ shop: s.shop, throttle: false }),
        });
      }
      const noisySettled = await until(
        async () =>
          (
            await stack.sql(
              `SELECT (SELECT count(*) FROM stock_push WHERE store_id = ANY($1::uuid[]) AND status <> 'done')
                    + (SELECT count(*) FROM stock_sync_item WHERE store_id = ANY($1::uuid[]) AND wanted_version > pushed_version) AS n`,
              [noisyIds],
            )
          )[0].n === '0',
        30_000,
        'the throttled stores to push after the throttle',
      ).then(
        () => true,
        () => false,
      );

      // Where the slowest quiet movements spent their time, from PostgreSQL's clock: event written → relayed →
      // handled (pairs marked) → push claimed → push answered → webhook at the receiver.
      const slowest = loadQuiet
        .filter((q) => q.track.latencies.length > 0)
        .sort((a, b) => b.track.latencies[0] - a.track.latencies[0])
        .slice(0, 5);
      const breakdown = [];
      for (const q of slowest) {
        const [row] = await stack.sql(
          `SELECT e.created_at, e.relayed_at, e.handled_at,
                  (SELECT min(p.created_at) FROM stock_push p WHERE p.store_id = $1) AS claimed,
                  (SELECT min(p.finished_at) FROM stock_push p WHERE p.store_id = $1) AS answered
             FROM outbox_event e JOIN product pr ON pr.id::text = e.payload->>'productId'
            WHERE e.topic = 'stock.changed' AND pr.sku = $2 ORDER BY e.id LIMIT 1`,
          [q.storeId, q.sample.sku],
        );
        const at = (d) => (d ? ((new Date(d).getTime() - q.sample.answeredAt) / 1000).toFixed(2) : '—');
        breakdown.push(
          `${(q.track.latencies[0] / 1000).toFixed(2)} s (sent ${q.sample.offsetS.toFixed(1)} s into the flood): after the 201, ` +
            `relayed ${at(row?.relayed_at)}, handled ${at(row?.handled_at)}, push claimed ${at(row?.claimed)}, answered ${at(row?.answered)}, ` +
            `webhook ${(q.track.latencies[0] / 1000).toFixed(2)} s`,
        );
      }

      const idle = latencies(idleQuiet);
      const load = latencies(loadQuiet);
      const p = (list, q) => Number((percentile(list, q) / 1000).toFixed(2));
      const p99 = p(load, 99);
      return {
        rows: [
          { metric: 'isolated movement of a quiet store, idle: p50', measured: p(idle, 50), unit: 's' },
          { metric: 'isolated movement of a quiet store, idle: p99', measured: p(idle, 99), unit: 's' },
          { metric: 'isolated movement of a quiet store during the flood: p50', measured: p(load, 50), unit: 's' },
          {
            metric: 'isolated movement of a quiet store during the flood: p99',
            measured: p99,
            unit: 's',
            target: `≤ ${TARGET_S} s`,
            met: p99 <= TARGET_S && unresolved(loadQuiet) === 0,
          },
          { metric: 'during the flood ÷ idle (p99)', measured: `${(p99 / Math.max(p(idle, 99), 0.01)).toFixed(1)}×` },
          {
            metric: 'quiet movements measured idle / during the flood (unresolved)',
            measured: `${idle.length} / ${load.length} (${unresolved(idleQuiet) + unresolved(loadQuiet)})`,
          },
          { metric: `flood: ${FLOOD} movements accepted in`, measured: Number(floodSeconds.toFixed(1)), unit: 's' },
          {
            metric: 'flood: every value on Shopify after',
            measured: floodOnShopify === null ? 'not within the wait' : Number(floodOnShopify.toFixed(1)),
            unit: 's',
          },
          { metric: "flood store's inventory calls", measured: floodCalls.length },
          {
            metric: 'throttled stores: THROTTLED answers / pushes put aside (stores)',
            measured: `${noisyCalls.length} / ${deferred.runs} (${deferred.stores})`,
          },
          {
            metric: 'throttled stores settled once the throttle lifted',
            measured: noisySettled ? 'yes' : 'no',
            target: 'yes',
            met: noisySettled,
          },
        ],
        notes: [
          `Quiet latencies during the flood (s): max ${(load.at(-1) / 1000).toFixed(2)}; idle max ${(idle.at(-1) / 1000).toFixed(2)}.`,
          `Slowest quiet movements during the flood: ${breakdown.join('; ')}.`,
          `The flood's values reach Shopify on the leading edge (within about a second) and on the trailing edge of the ${WINDOW_S} s window.`,
        ],
      };
    } finally {
      await receiver.close();
      await stack.stop();
    }
  },
};
