// The first push of absolute mode: a store with 20,000 mapped (item, location) pairs switches stock sync on and every
// pair must reach Shopify. Measures the Admin API calls against ⌈pairs/250⌉ and the time until Shopify holds the
// warehouse's values against what the standard plan's restore rate allows.
import { startShopifyStack } from './lib/shopify.mjs';

const SKUS = 10_000;
const LOCATIONS = ['Location A', 'Location B'];
const PER_CALL = 250;
const STANDARD = { restoreRate: 100, bucket: 2000 };
const SAMPLE = 200;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const wmsValue = (i, w) => 1 + ((i * 7 + w * 13) % 97);

export default {
  name: 'stock-first-push',
  description:
    `Absolute mode switched on for a store with ${SKUS.toLocaleString('en')} SKUs × ${LOCATIONS.length} locations = ` +
    `${(SKUS * LOCATIONS.length).toLocaleString('en')} mapped pairs (standard plan, throttling on): the WMS holds stock for every pair, Shopify holds 0. ` +
    'One API process (APP_ROLE=all); variants seeded before the shop is connected over OAuth and mapped by the real product sync; ' +
    'the warehouse stock is received while stock sync is off. Timed from the settings PATCH until the last push is answered ' +
    '(each answer carries the quantity Shopify holds; every pair is then settled), then a sample of pairs is read back from Shopify.',
  async run({ runsDir, log }) {
    const stack = await startShopifyStack({ runsDir, name: 'stock-first-push' });
    const rows = [];
    const notes = [];
    try {
      const warehouses = [];
      for (const code of ['FP-A', 'FP-B']) {
        const id = (await stack.call('POST', '/warehouses', { code, name: `Bench ${code}` })).id;
        const process = (await stack.call('POST', '/shipping-processes', { code: `${code}-SHIP`, name: `Ship ${code}`, warehouseId: id }))
          .id;
        warehouses.push({ id, process });
      }
      const shop = 'bench-first-push.myshopify.com';
      const token = await stack.createShop(shop, { plan: 'standard', locations: LOCATIONS });
      const locationIds = (await stack.gql(shop, token, '{ locations(first: 5) { nodes { id } } }')).locations.nodes.map((n) => n.id);
      const skus = Array.from({ length: SKUS }, (_, i) => `FP-${String(i).padStart(5, '0')}`);
      log(`seeding ${SKUS} variants × ${LOCATIONS.length} locations …`);
      const variants = await stack.seedVariants(shop, token, skus, { locationIds, perProduct: 100, quantity: 0 });
      await stack.sql(`INSERT INTO product (sku, name) SELECT s, s FROM unnest($1::text[]) AS s`, [skus]);
      const storeId = await stack.connectShop(shop);
      await stack.call(
        'PUT',
        `/stores/${storeId}/location-mappings`,
        locationIds.map((locationId, i) => ({
          locationId,
          warehouseId: warehouses[i].id,
          shippingProcessId: warehouses[i].process,
          isDefault: i === 0,
        })),
      );
      const synced = await stack.call('POST', `/stores/${storeId}/product-sync`);
      if (synced.counts.mapped !== SKUS) throw new Error(`product sync mapped ${synced.counts.mapped} of ${SKUS}`);
      await stack.call('PATCH', `/stores/${storeId}/settings`, { stockSync: { enabled: false, mode: 'absolute', windowSeconds: 30 } });
      log('receiving the warehouse stock (stock sync off) …');
      const movements = skus.flatMap((sku, i) =>
        warehouses.map((w, k) => ({ type: 'receipt', sku, warehouseId: w.id, quantity: wmsValue(i, k), reference: 'bench' })),
      );
      for (let i = 0; i < movements.length; i += 500) {
        await stack.call('POST', '/stock/movements/batch', { movements: movements.slice(i, i + 500) });
      }
      await quiet(stack, storeId, 'the receipts recorded');

      log('switching absolute mode on …');
      const t0 = Date.now();
      await stack.call('PATCH', `/stores/${storeId}/settings`, { stockSync: { enabled: true } });
      await quiet(stack, storeId, 'the first push', true);
      // Shopify holds every value once the last push is answered (echo webhooks may still be arriving after that).
      const [{ last }] = await stack.sql(`SELECT max(finished_at) AS last FROM stock_push WHERE store_id = $1`, [storeId]);
      const elapsed = (last.getTime() - t0) / 1000;

      const calls = (await stack.sandboxLog(shop)).filter(
        (c) => !c.staff && Date.parse(c.at) >= t0 && /GantrySetAvailable|GantryAdjustAvailable/.test(c.operationName ?? ''),
      );
      const pairs = SKUS * LOCATIONS.length;
      const minimum = Math.ceil(pairs / PER_CALL);
      const cost = calls.reduce((s, c) => s + (c.actualCost ?? 0), 0);
      const throttled = calls.filter((c) => c.throttled).length;
      // At the restore rate alone (bucket empty), the points these calls cost take this long; a full bucket allows
      // a burst of its size at once, so the bucket-aware floor is lower.
      const restoreSeconds = cost / STANDARD.restoreRate;
      const floorSeconds = Math.max(0, cost - STANDARD.bucket) / STANDARD.restoreRate;

      // Read a sample back from Shopify with the merchant's token.
      const sample = Array.from({ length: SAMPLE }, (_, n) => Math.floor((n * SKUS) / SAMPLE));
      let wrong = 0;
      for (const i of sample) {
        for (const [k, locationId] of locationIds.entries()) {
          const data = await stack.gql(
            shop,
            token,
            `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`,
            { id: variants[i].inventoryItemId, loc: locationId },
          );
          if (data.inventoryItem.inventoryLevel.quantities[0].quantity !== wmsValue(i, k)) wrong++;
        }
      }
      const [failed] = await stack.sql(`SELECT count(*)::int AS n FROM stock_push WHERE store_id = $1 AND status = 'failed'`, [storeId]);
      const lines = await stack.sql(
        `SELECT jsonb_array_length(lines)::int AS n, created_at, finished_at FROM stock_push WHERE store_id = $1 ORDER BY id`,
        [storeId],
      );
      const spans = lines.map((l) => l.finished_at - l.created_at).sort((x, y) => x - y);
      const gaps = lines
        .slice(1)
        .map((l, k) => l.created_at - lines[k].finished_at)
        .sort((x, y) => x - y);

      rows.push(
        { metric: 'Admin API inventory calls', measured: calls.length },
        {
          metric: 'calls ÷ minimum ⌈pairs/250⌉',
          measured: `${(calls.length / minimum).toFixed(3)} (${calls.length} ÷ ${minimum})`,
          target: '1.00',
          met: calls.length <= minimum,
        },
        {
          metric: 'time until Shopify holds every warehouse value',
          measured: elapsed,
          unit: 's',
          target: `≤ ${(restoreSeconds * 1.1).toFixed(1)} s (cost ÷ restore rate + 10 %)`,
          met: elapsed <= restoreSeconds * 1.1,
        },
        { metric: 'floor with a full bucket: (cost − 2000) ÷ 100/s', measured: floorSeconds, unit: 's' },
        {
          metric: 'sampled pairs on Shopify ≠ warehouse',
          measured: `${wrong} of ${SAMPLE * LOCATIONS.length}`,
          target: '0',
          met: wrong === 0,
        },
        { metric: 'failed pushes / THROTTLED answers', measured: `${failed.n} / ${throttled}`, target: '0 / —', met: failed.n === 0 },
      );
      notes.push(
        `${pairs} pairs; pushes carried ${lines.map((l) => l.n).join(', ')} lines; ${cost} cost points charged (${(cost / Math.max(1, calls.length)).toFixed(1)} per call); ` +
          `standard plan: restore ${STANDARD.restoreRate} points/s, bucket ${STANDARD.bucket}. Per push, claim to answer: median ` +
          `${spans[Math.floor(spans.length / 2)] ?? 0} ms, max ${spans.at(-1) ?? 0} ms; between one push's answer and the next claim: median ` +
          `${gaps[Math.floor(gaps.length / 2)] ?? 0} ms, max ${gaps.at(-1) ?? 0} ms; first claim ${lines[0] ? lines[0].created_at - t0 : 0} ms after the PATCH.`,
      );
      return { rows, notes };
    } finally {
      await stack.stop();
    }
  },
};

// Nothing pending for the store: no unhandled event, no pair behind, no push on its way.
async function quiet(stack, storeId, what, needPushes = false) {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const [row] = await stack.sql(
      `SELECT (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL)::int AS events,
              (SELECT count(*) FROM stock_sync_item WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL))::int AS behind,
              (SELECT count(*) FROM stock_push WHERE store_id = $1 AND status = 'pending')::int AS pushes,
              (SELECT count(*) FROM stock_push WHERE store_id = $1)::int AS all_pushes`,
      [storeId],
    );
    const done = row.events === 0 && row.pushes === 0 && (!needPushes || (row.behind === 0 && row.all_pushes > 0));
    if (done) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(row)}`);
    await sleep(200);
  }
}
