// Closed-loop load: `concurrency` workers each send one request, wait for it, and send the next, until the
// duration ends. Latency is measured per request; throughput counts only successful work.
import { readdirSync, readFileSync } from 'node:fs';

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

/**
 * CPU time so far (seconds) of the given processes, of every PostgreSQL process, and of the whole machine (from
 * /proc), so a bench can say which process held the cores while it measured. Linux only; zeros elsewhere.
 */
export function cpuSnapshot(pids) {
  const ticks = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux
  const of = (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return 0;
    }
  };
  const postgres = {}; // pid → CPU seconds, per backend: a sum over the live ones would drop those that exit
  let machine = { busy: 0, total: 0 };
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') postgres[entry] = of(entry);
      } catch {
        /* exited meanwhile */
      }
    }
    const [, ...cpu] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const idle = cpu[3] + cpu[4];
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    machine = { busy: (total - idle) / ticks, total: total / ticks };
  } catch {
    /* not Linux */
  }
  return { at: performance.now(), pids: Object.fromEntries(pids.map((p) => [p, of(p)])), postgres, machine };
}

/** Cores each named process used between two snapshots: { name: cores }, plus postgres, machine busy and cores. */
export function cpuShare(before, after, names) {
  const seconds = (after.at - before.at) / 1000;
  const share = {};
  for (const [name, pids] of Object.entries(names)) {
    share[name] = pids.reduce((s, p) => s + (after.pids[p] ?? 0) - (before.pids[p] ?? 0), 0) / seconds;
  }
  // Backends alive at the end, each from its start or the first snapshot (one that exited meanwhile is not counted).
  share.postgres = Object.entries(after.postgres).reduce((s, [pid, t]) => s + t - (before.postgres[pid] ?? 0), 0) / seconds;
  share.busy = (after.machine.busy - before.machine.busy) / seconds;
  return share;
}
