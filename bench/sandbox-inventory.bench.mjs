// The sandbox's Admin GraphQL throughput for inventorySetQuantities with 250 quantities per call — the
// call stock sync makes — validated against the real schema, priced, idempotent and compare-and-set.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../scripts/lib/infra.mjs';
import { startService, stopService, waitForHttp } from '../scripts/lib/services.mjs';
import { closedLoop, pool, requestJson } from './lib/load.mjs';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const PER_CALL = 250; // Shopify's input limit for inventorySetQuantities
const VARIANTS_PER_PRODUCT = 50;
const TARGET_PER_S = 300;
const SHOP = 'bench-shop.myshopify.com';
const VERSION = '2026-07';

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}`;
const PRODUCT_SET = `mutation Seed($input: ProductSetInput!) {
  productSet(input: $input) { product { variants(first: 250) { nodes { inventoryItem { id } } } } userErrors { field message } }
}`;

export default {
  name: 'sandbox-inventory',
  description:
    `Sandbox \`inventorySetQuantities\`, ${PER_CALL} quantities per call with changeFromQuantity (compare-and-set) and a fresh ` +
    `@idempotent key per call, ${CONCURRENCY} calls in flight, ${DURATION_MS / 1000} s; plus plan with the cost bucket switched off ` +
    '(`POST /__sandbox/faults {throttle: "off"}`) so the sandbox itself is measured, not the leaky bucket.',
  async run({ runsDir, log }) {
    const port = await freePort();
    const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${runsDir}`] : [];
    const sandbox = startService('sandbox', 'dist/apps/sandbox/src/main.js', {
      env: { SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1' },
      nodeArgs,
      logFile: join(runsDir, 'sandbox-inventory.log'),
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(sandbox, `${base}/__sandbox/health`);
      const { staffAccessToken } = await requestJson('POST', `${base}/__sandbox/shops`, {
        body: { shop: SHOP, apiKey: 'bench-key', apiSecret: 'bench-secret', plan: 'plus' },
      });
      const faults = await requestJson('POST', `${base}/__sandbox/faults`, { body: { shop: SHOP, throttle: 'off' } });
      if (faults.faults?.throttle !== 'off') throw new Error('this sandbox cannot switch its cost bucket off (faults.throttle "off")');
      const gql = async (query, variables) => {
        const body = await requestJson('POST', `${base}/${SHOP}/admin/api/${VERSION}/graphql.json`, {
          body: { query, variables },
          headers: { 'x-shopify-access-token': staffAccessToken },
        });
        if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
        return body.data;
      };
      const location = (await gql('{ locations(first: 1) { nodes { id } } }')).locations.nodes[0].id;

      // Each client owns 250 items, so its compare-and-set values are always current and never race another client.
      const products = Math.ceil((CONCURRENCY * PER_CALL) / VARIANTS_PER_PRODUCT);
      log(`seeding ${products} products × ${VARIANTS_PER_PRODUCT} variants …`);
      const items = (
        await pool(
          Array.from({ length: products }, (_, p) => p),
          4,
          async (p) => {
            const skus = Array.from({ length: VARIANTS_PER_PRODUCT }, (_, v) => `SB-${p}-${v}`);
            const data = await gql(PRODUCT_SET, {
              input: {
                title: `Bench product ${p}`,
                productOptions: [{ name: 'Size', values: skus.map((name) => ({ name })) }],
                variants: skus.map((sku) => ({
                  optionValues: [{ optionName: 'Size', name: sku }],
                  sku,
                  price: '10.00',
                  inventoryItem: { sku, tracked: true },
                  inventoryQuantities: [{ locationId: location, name: 'available', quantity: 10 }],
                })),
              },
            });
            if (data.productSet.userErrors.length) throw new Error(JSON.stringify(data.productSet.userErrors));
            return data.productSet.product.variants.nodes.map((n) => n.inventoryItem.id);
          },
        )
      ).flat();
      const owned = Array.from({ length: CONCURRENCY }, (_, w) =>
        items.slice(w * PER_CALL, (w + 1) * PER_CALL).map((id) => ({ id, quantity: 10 })),
      );

      const task = async (w) => {
        const lines = owned[w];
        const next = lines.map((l) => l.quantity + 1 + Math.floor(Math.random() * 3));
        const data = await gql(SET, {
          key: randomUUID(),
          input: {
            name: 'available',
            reason: 'correction',
            referenceDocumentUri: 'gid://gantry/StockSync/bench',
            quantities: lines.map((l, i) => ({
              inventoryItemId: l.id,
              locationId: location,
              quantity: next[i],
              changeFromQuantity: l.quantity,
            })),
          },
        });
        const { userErrors } = data.inventorySetQuantities;
        if (userErrors.length) throw new Error(JSON.stringify(userErrors[0]));
        lines.forEach((l, i) => {
          l.quantity = next[i];
        });
        return 1;
      };
      await closedLoop({ concurrency: CONCURRENCY, durationMs: 2000, task }); // warm-up, not counted
      log(`${CONCURRENCY} clients calling inventorySetQuantities for ${DURATION_MS / 1000} s …`);
      const result = await closedLoop({ concurrency: CONCURRENCY, durationMs: DURATION_MS, task });
      const perSecond = result.units / (result.elapsedMs / 1000);
      return {
        rows: [
          { metric: 'calls/s', measured: Number(perSecond.toFixed(1)), target: `≥ ${TARGET_PER_S}`, met: perSecond >= TARGET_PER_S },
          { metric: 'quantities/s', measured: Math.round(perSecond * PER_CALL) },
          { metric: 'call latency p50', measured: Number(result.p50.toFixed(1)), unit: 'ms' },
          { metric: 'call latency p99', measured: Number(result.p99.toFixed(1)), unit: 'ms' },
          { metric: 'failed calls', measured: result.errors.length, target: '0', met: result.errors.length === 0 },
        ],
        notes: result.errors.length ? [`first error: ${result.errors[0]}`] : [],
      };
    } finally {
      await stopService(sandbox);
    }
  },
};
