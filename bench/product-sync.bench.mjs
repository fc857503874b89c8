// Product sync of a 200,000-variant catalog against the sandbox: POST /api/v1/stores/:id/product-sync end to end,
// with the API process's peak RSS, then a second run over the unchanged catalog. BENCH_VARIANTS=20000 runs it smaller.
import { peakRss, startShopifyStack } from './lib/shopify.mjs';

const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 200_000);
const PER_PRODUCT = 100;
const TARGET_S = 60;
const TARGET_RSS_MB = 400;
const SHOP = 'bench-products.myshopify.com';

export default {
  name: 'product-sync',
  description:
    `\`POST /api/v1/stores/:id/product-sync\` over ${VARIANTS.toLocaleString('en')} sandbox variants (${VARIANTS / PER_PRODUCT} products × ${PER_PRODUCT} ` +
    `variants, standard plan, throttling on), timed from the request to its answer. Half the SKUs match WMS products created ` +
    'beforehand (→ mapped), the other half match nothing (→ created, `createMissingProducts` is on by default). The shop is ' +
    "seeded first and then connected over the real OAuth flow (as a merchant installs the app on an existing catalog); seeding is not measured. Peak RSS is the API process's (VmHWM reset before each run " +
    'through /proc/<pid>/clear_refs, and VmRSS sampled every 50 ms). The second run syncs the unchanged catalog again. ' +
    "Phases from the sandbox's call log: the first page (250 variants, CatalogPage) until the bulk export is asked for; the " +
    'sandbox building the export (it runs the whole query inside `bulkOperationRunQuery`: on Shopify this takes minutes for ' +
    'a catalog this size, and the sync waits for it by polling); then downloading the JSONL and mapping it in batches of 1,000.',
  async run({ runsDir, log }) {
    const stack = await startShopifyStack({ runsDir, name: 'product-sync' });
    try {
      const token = await stack.createShop(SHOP, { plan: 'standard' });
      const { locations } = await stack.gql(SHOP, token, '{ locations(first: 5) { nodes { id } } }');
      const skus = Array.from({ length: VARIANTS }, (_, i) => `PS-${String(i).padStart(6, '0')}`);
      const matching = skus.filter((_, i) => i % 2 === 0);
      let t0 = performance.now();
      log(`seeding ${VARIANTS} variants in the sandbox and ${matching.length} matching WMS products …`);
      await Promise.all([
        stack.seedVariants(SHOP, token, skus, { locationIds: [locations.nodes[0].id], perProduct: PER_PRODUCT, quantity: 5 }),
        // Straight into the product table: POST /products one by one would take ~1 min on this machine.
        stack.sql(`INSERT INTO product (sku, name) SELECT s, 'Bench ' || s FROM unnest($1::text[]) AS s`, [matching]),
      ]);
      log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      // Connected after seeding, as a merchant installs the app on an existing catalog: no seeding webhooks reach the app.
      const storeId = await stack.connectShop(SHOP);
      await stack.quiesce(SHOP);

      const rows = [];
      const notes = [];
      for (const label of ['first run', 'second run, unchanged']) {
        log(`product sync (${label}) …`);
        t0 = performance.now();
        const { result, peakMb, beforeMb, hwmReset } = await peakRss(stack.api.child.pid, () =>
          stack.call('POST', `/stores/${storeId}/product-sync`),
        );
        const seconds = (performance.now() - t0) / 1000;
        const ended = Date.now();
        const { counts, status } = result;
        const seen = counts.mapped + counts.created + counts.skipped + counts.unchanged;
        rows.push(
          {
            metric: `duration (${label})`,
            measured: Number(seconds.toFixed(1)),
            unit: 's',
            target: `≤ ${TARGET_S} s`,
            met: seconds <= TARGET_S && status === 'succeeded',
          },
          { metric: `variants/s (${label})`, measured: Math.round(seen / seconds) },
          {
            metric: `peak RSS of the API (${label})`,
            measured: Math.round(peakMb),
            unit: 'MB',
            target: `≤ ${TARGET_RSS_MB} MB`,
            met: peakMb <= TARGET_RSS_MB,
          },
          {
            metric: `mapped / created / skipped / unchanged (${label})`,
            measured: `${counts.mapped} / ${counts.created} / ${counts.skipped} / ${counts.unchanged}`,
          },
        );
        notes.push(
          `${label}: run status ${status}; API RSS before the run ${Math.round(beforeMb)} MB${hwmReset ? '' : ' (VmHWM could not be reset: peak from 50 ms samples only)'}; ${await phases(stack, ended - seconds * 1000, ended)}.`,
        );
      }
      const calls = await stack.sandboxLog(SHOP);
      const ours = calls.filter((c) => !c.staff);
      notes.push(
        `Admin API calls by the app over both runs (OAuth setup included): ${ours.length}, ${ours.reduce((s, c) => s + (c.actualCost ?? 0), 0)} cost points; operations: ${[...new Set(ours.map((c) => c.operationName ?? c.rootFields.join('+')))].join(', ')}.`,
      );
      return { rows, notes };
    } finally {
      await stack.stop();
    }
  },
};

/** Where a run's time went, from the app's calls in the sandbox log (`at` is when a call arrived). */
async function phases(stack, from, to) {
  const calls = (await stack.sandboxLog(SHOP)).filter((c) => !c.staff && Date.parse(c.at) >= from && Date.parse(c.at) <= to);
  const at = (name) => calls.filter((c) => c.operationName === name).map((c) => Date.parse(c.at));
  const [run] = at('RunBulkQuery');
  const polls = at('BulkOperation');
  if (run === undefined || polls.length === 0) return 'no bulk export';
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  // The sandbox answers RunBulkQuery once the export is built, so the first poll comes right after it.
  return `first page ${s(run - from)}, export built and polled ${s(polls.at(-1) - run)} (${polls.length} polls), download and mapping ${s(to - polls.at(-1))}`;
}
