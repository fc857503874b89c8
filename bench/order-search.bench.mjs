// GET /api/v1/orders over a large order table: the newest page (all, one store, held) and searches with `q` (a rare
// order number, a SKU on ~200 orders, a hold reason on 2 % of orders, nothing), timed through the API. Beside each
// search, the same search as a plain scan (the query without the trigram indexes: ILIKE per column, newest first) run
// straight in PostgreSQL, for the ratio. BENCH_ORDERS=100000 runs it smaller.
import pg from 'pg';
import { startBenchApi } from './lib/api.mjs';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const STORES = 8;
const REPEAT = 7;
const TARGET_PAGE_MS = 100;
const TARGET_RARE_MS = 100;
const TARGET_SEARCH_MS = 1000;

export default {
  name: 'order-search',
  description:
    `\`GET /api/v1/orders\` over ${ORDERS.toLocaleString('en')} orders (2 lines each, ${STORES} stores, 2 % held), timed through the API ` +
    `(median of ${REPEAT}, after one warm-up; the answer includes the orders' lines). Pages: the newest 100 of all, of one store, of the held. ` +
    'Searches with `q`: one order number (1 order), a SKU on ~200 orders, a hold reason on 2 % of orders (20,000 at a million: more ' +
    'matches than the trigram index narrows), text on no order. "Scan" is the same search without the trigram indexes (ILIKE per ' +
    'column and an EXISTS per order, newest first until 100 match), run straight in PostgreSQL: what the search cost before them.',
  async run({ runsDir, log }) {
    const stack = await startBenchApi({ runsDir, name: 'order-search', appRole: 'api' });
    const sql = new pg.Client({ connectionString: stack.databaseUrl });
    await sql.connect();
    try {
      const call = (path) => stack.call('GET', path);
      const warehouseId = (await stack.call('POST', '/warehouses', { code: 'BENCH', name: 'Bench' })).id;

      log(`seeding ${ORDERS.toLocaleString('en')} orders with 2 lines each (the indexes are kept up to date as they go in) …`);
      const t0 = performance.now();
      // Newest last: order g was created (ORDERS - g) × 20 s ago. Every 50th is held; every 3rd has an ERP reference.
      await sql.query(
        `INSERT INTO outbound_order (store_id, external_id, external_number, reference, warehouse_id, status, hold_reason, created_at, updated_at)
         SELECT ('00000000-0000-4000-8000-00000000000' || (g % $2))::uuid, 'gid://shopify/Order/' || (5000000000000 + g), '#' || (1000 + g),
                CASE WHEN g % 3 = 0 THEN 'ERP-' || g END, $3, CASE WHEN g % 50 = 0 THEN 'needs_attention' ELSE 'shipped' END::order_status,
                CASE WHEN g % 50 = 0 THEN 'no warehouse for location Backroom' END,
                now() - ($1 - g) * interval '20 second', now() - ($1 - g) * interval '20 second'
           FROM generate_series(1, $1) g`,
        [ORDERS, STORES, warehouseId],
      );
      // SKU-nnnnn on 1 order in 20,000 each; TEE-nnnn-M on 1 in 5,000 (so ~200 orders per TEE SKU at a million).
      await sql.query(
        `INSERT INTO order_line (order_id, sku, quantity, reserved_quantity)
         SELECT id, sku, 1, 0 FROM outbound_order, LATERAL (VALUES ('SKU-' || (abs(hashtext(id::text)) % 20000)),
                                                                  ('TEE-' || (abs(hashtext(id::text || 'x')) % 5000) || '-M')) AS v(sku)`,
      );
      await sql.query('VACUUM ANALYZE outbound_order');
      await sql.query('VACUUM ANALYZE order_line');
      log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

      const rare = `#${1000 + Math.floor(ORDERS * 0.37)}`;
      const [{ sku }] = (
        await sql.query(`SELECT sku FROM order_line WHERE sku LIKE 'TEE-%' GROUP BY sku ORDER BY count(*) DESC, sku LIMIT 1`)
      ).rows;
      const store = '00000000-0000-4000-8000-000000000003';
      const median = async (fn) => {
        await fn();
        const times = [];
        let last;
        for (let i = 0; i < REPEAT; i++) {
          const started = performance.now();
          last = await fn();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        return { ms: times[Math.floor(times.length / 2)], last };
      };
      // The search before the trigram indexes: every text column with ILIKE, an EXISTS on the lines, newest first.
      const scan = (text) =>
        median(() =>
          sql.query(
            `SELECT o.id FROM outbound_order o
              WHERE o.external_number ILIKE $1 OR o.reference ILIKE $1 OR o.external_id ILIKE $1 OR o.hold_reason ILIKE $1
                 OR EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND (l.sku ILIKE $1 OR l.problem ILIKE $1))
              ORDER BY o.created_at DESC, o.id DESC LIMIT 100`,
            [`%${text}%`],
          ),
        );

      const rows = [];
      for (const [label, path, expected] of [
        ['newest 100', '/orders?limit=100', 100],
        ['newest 100 of one store', `/orders?storeId=${store}&limit=100`, 100],
        ['newest 100 held', '/orders?status=needs_attention&limit=100', 100],
      ]) {
        log(`page: ${label} …`);
        const { ms, last } = await median(() => call(path));
        rows.push({
          metric: `page: ${label}`,
          measured: Number(ms.toFixed(1)),
          unit: 'ms',
          target: `≤ ${TARGET_PAGE_MS} ms`,
          met: ms <= TARGET_PAGE_MS && last.length === expected,
        });
      }
      for (const [label, text, target, expectFound] of [
        [`one order number (${rare})`, rare, TARGET_RARE_MS, (n) => n === 1],
        [`a SKU on ~${Math.round(ORDERS / 5000)} orders (${sku})`, sku, TARGET_SEARCH_MS, (n) => n > 0],
        ['a hold reason on 2 % of orders (backroom)', 'backroom', TARGET_SEARCH_MS, (n) => n === 100],
        ['text on no order', 'no-such-text', TARGET_RARE_MS, (n) => n === 0],
      ]) {
        log(`search: ${label} …`);
        const { ms, last } = await median(() => call(`/orders?limit=100&q=${encodeURIComponent(text)}`));
        const found = last.length;
        const before = await scan(text);
        rows.push(
          {
            metric: `search: ${label}`,
            measured: Number(ms.toFixed(1)),
            unit: 'ms',
            target: `≤ ${target} ms`,
            met: ms <= target && expectFound(found),
          },
          { metric: `  scan (no trigram index), same search`, measured: Number(before.ms.toFixed(1)), unit: 'ms' },
          { metric: `  scan ÷ search`, measured: Number((before.ms / ms).toFixed(1)), unit: '×' },
        );
      }
      return { rows, notes: [] };
    } finally {
      await sql.end();
      await stack.stop();
    }
  },
};
