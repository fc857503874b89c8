// Watching Shopify's inventory from a bench: a receiver for the sandbox's inventory_levels/update webhooks and a
// tracker of expected values (receipts only, so values only grow), with the latency of each movement.
import { createServer } from 'node:http';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const num = (gid) => String(gid).split('/').pop();

/** A tiny receiver for the sandbox's inventory_levels/update webhooks: arrival time per (item, location) value. */
export async function startReceiver() {
  const listeners = new Map(); // shop → (key, available, at) => void
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200).end();
      try {
        // The ids exceed 2^53: read them as text, JSON.parse would round them.
        const text = Buffer.concat(chunks).toString('utf8');
        const item = /"inventory_item_id":\s*(\d+)/.exec(text)?.[1];
        const location = /"location_id":\s*(\d+)/.exec(text)?.[1];
        if (item && location) listeners.get(req.headers['x-shopify-shop-domain'])?.(`${item}:${location}`, JSON.parse(text).available, at);
      } catch {
        /* not ours */
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, listeners, close: () => new Promise((r) => server.close(r)) };
}

/** Expected Shopify values per (item, location), fed by the movements we send, resolved by the webhooks. */
export function tracker() {
  const pending = new Map(); // key → [{ expected, t0 }]
  const latest = new Map(); // key → latest value seen on Shopify
  const wanted = new Map(); // key → cumulative sent
  const latencies = [];
  return {
    latencies,
    pending,
    wanted,
    latest,
    sent(key, quantity, t0, measure = true) {
      const expected = (wanted.get(key) ?? 0) + quantity;
      wanted.set(key, expected);
      if (!measure) return;
      // The push (and its webhook) can beat our reading of the HTTP 201: then it was on Shopify at once.
      if ((latest.get(key) ?? -1) >= expected) latencies.push(0);
      else pending.set(key, [...(pending.get(key) ?? []), { expected, t0 }]);
    },
    seen(key, available, at) {
      latest.set(key, available);
      const list = pending.get(key);
      if (!list) return;
      // Receipts only: values only grow, so every movement whose total is reached is now on Shopify.
      const keep = list.filter((p) => p.expected > available);
      for (const p of list) if (p.expected <= available) latencies.push(at - p.t0);
      if (keep.length) pending.set(key, keep);
      else pending.delete(key);
    },
    settled: () => [...wanted].every(([k, v]) => latest.get(k) === v),
  };
}

export async function until(ok, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}
