// Stock movements through POST /api/v1/stock/movements/batch, ledger and outbox writes included, against a
// real API process (APP_ROLE=all, so the outbox relay competes for the same CPU and database as it would).
import { startBenchApi } from './lib/api.mjs';
import { closedLoop, pool } from './lib/load.mjs';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 1000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const TARGET_PER_S = 2000;

export default {
  name: 'movements',
  description:
    `\`POST /api/v1/stock/movements/batch\`, ${BATCH} movements per batch (receipts and picks mixed, random SKUs of ${PRODUCTS} ` +
    `in 2 warehouses), ${CONCURRENCY} batches in flight, ${DURATION_MS / 1000} s per scenario, API with APP_ROLE=all (outbox relay running). ` +
    '"random SKUs": every client draws from all levels, so concurrent batches lock the same rows; "disjoint": each client owns a slice.',
  async run({ runsDir, log }) {
    const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${runsDir}`] : [];
    const stack = await startBenchApi({ runsDir, name: 'movements', appRole: process.env.BENCH_APP_ROLE ?? 'all', nodeArgs });
    try {
      const { call } = stack;

      log(`seeding 2 warehouses and ${PRODUCTS} products …`);
      const warehouses = [];
      for (const code of ['BENCH-A', 'BENCH-B']) warehouses.push((await call('POST', '/warehouses', { code, name: `Bench ${code}` })).id);
      const skus = Array.from({ length: PRODUCTS }, (_, i) => `BENCH-${String(i).padStart(5, '0')}`);
      await pool(skus, 16, (sku) => call('POST', '/products', { sku, name: `Bench product ${sku}` }));
      // Opening stock large enough that random picks never run a level below zero.
      const opening = warehouses.flatMap((warehouseId) => skus.map((sku) => ({ type: 'receipt', sku, warehouseId, quantity: 100_000 })));
      for (let i = 0; i < opening.length; i += 1000)
        await call('POST', '/stock/movements/batch', { movements: opening.slice(i, i + 1000) });

      const pick = (list) => list[Math.floor(Math.random() * list.length)];
      // Worker w draws from `pools[w]`: either every SKU (contended) or its own slice (no two batches share a level).
      const makeBatch = (skuPool) =>
        Array.from({ length: BATCH }, (_, i) => ({
          type: i % 2 === 0 ? 'receipt' : 'pick',
          sku: pick(skuPool),
          warehouseId: pick(warehouses),
          quantity: 1 + Math.floor(Math.random() * 5),
          reference: `bench-${i}`,
        }));
      const slices = Array.from({ length: CONCURRENCY }, (_, w) => skus.filter((_, i) => i % CONCURRENCY === w));
      const scenario = (pools, durationMs, concurrency = CONCURRENCY) =>
        closedLoop({
          concurrency,
          durationMs,
          task: async (w) => (await call('POST', '/stock/movements/batch', { movements: makeBatch(pools[w]) })).recorded,
        });
      // Warm-up: JIT, connection pools and query plans, not counted.
      await scenario(slices, 2000);

      const rows = [];
      const notes = [];
      // The third scenario, one batch at a time, shows what concurrency costs (or gains) on this machine.
      const scenarios = [
        ['random SKUs', slices.map(() => skus), CONCURRENCY],
        ['disjoint SKUs per client', slices, CONCURRENCY],
        ['1 in flight', [skus], 1],
      ];
      for (const [label, pools, concurrency] of scenarios) {
        log(`${label}: ${BATCH}-movement batches, ${concurrency} in flight, for ${DURATION_MS / 1000} s …`);
        const result = await scenario(pools, DURATION_MS, concurrency);
        const perSecond = result.units / (result.elapsedMs / 1000);
        rows.push(
          {
            metric: `movements/s (${label})`,
            measured: Math.round(perSecond),
            target: `≥ ${TARGET_PER_S}`,
            met: perSecond >= TARGET_PER_S,
          },
          { metric: `batch latency p50 (${label})`, measured: Number(result.p50.toFixed(1)), unit: 'ms' },
          { metric: `batch latency p99 (${label})`, measured: Number(result.p99.toFixed(1)), unit: 'ms' },
          { metric: `failed batches (${label})`, measured: result.errors.length, target: '0', met: result.errors.length === 0 },
        );
        if (result.errors.length) notes.push(`${label}, first error: ${result.errors[0]}`);
      }
      return { rows, notes };
    } finally {
      await stack.stop();
    }
  },
};
