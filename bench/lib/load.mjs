// Closed-loop load: `concurrency` workers each send one request, wait for it, and send the next, until the
// duration ends. Latency is measured per request; throughput counts only successful work.

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Runs task(workerIndex, iteration) from `concurrency` workers for durationMs.
 * task resolves to the number of units done (e.g. movements in a batch); it throws on failure.
 */
export async function closedLoop({ concurrency, durationMs, task, maxErrors = 20 }) {
  const latencies = [];
  const errors = [];
  let units = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (w) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const t0 = performance.now();
      try {
        // Not `units += await …`: that reads units before awaiting and loses the other workers' additions.
        const done = await task(w, i);
        units += done;
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
        // A broken setup fails every call: stop early instead of hammering for the whole duration.
        if (errors.length >= maxErrors) throw new Error(`${errors.length} failed requests, first: ${errors[0]}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    elapsedMs,
    requests: latencies.length,
    units,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

/** Runs tasks with at most `limit` in flight (seeding through the API without one request per tick). */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}

/** JSON over HTTP with an optional bearer key; throws with the status and body on non-2xx. */
export async function requestJson(method, url, { body, headers = {}, key } = {}) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // undici says only "fetch failed"; the cause (ECONNRESET, a timeout …) is what helps.
    throw new Error(`${method} ${new URL(url).pathname}: ${error.cause?.code ?? error.cause?.message ?? error.message}`, { cause: error });
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname} → ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}
