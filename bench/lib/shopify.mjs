// The Shopify benchmarks' stack: the built sandbox and API (APP_ROLE=all) as child processes on a dedicated
// database, a shop connected over the real OAuth flow (as libs/channels/shopify/test/shopify-test.env.ts does,
// but over HTTP), catalog seeding in the sandbox, and peak-RSS sampling of the API process.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/infra.mjs';
import { startService, stopService, waitForHttp } from '../../scripts/lib/services.mjs';
import { ROOT } from '../../scripts/lib/build.mjs';
import { benchEnvironment, migrate } from './api.mjs';
import { pool, requestJson } from './load.mjs';

const pg = createRequire(`${ROOT}/package.json`)('pg');

export const VERSION = '2026-07';
const API_KEY = 'gantry-bench-app';
const API_SECRET = 'gantry-bench-secret';

/**
 * Starts sandbox + API (migrated, plugin active). `name` prefixes the log files in runsDir. With `workers: N` the API
 * runs alone (APP_ROLE=api) and N processes with APP_ROLE=worker share its database and Redis, as in production;
 * without, one process does both (APP_ROLE=all).
 */
export async function startShopifyStack({ runsDir, name, apiEnv = {}, workers = 0 }) {
  const sandboxPort = await freePort();
  const sandboxBase = `http://127.0.0.1:${sandboxPort}`;
  const { databaseUrl, base, adminKey, env } = await benchEnvironment({
    appRole: workers > 0 ? 'api' : 'all',
    extraEnv: { SHOPIFY_SANDBOX_URL: sandboxBase, SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET, ...apiEnv },
  });
  const sandbox = startService('sandbox', 'dist/apps/sandbox/src/main.js', {
    env: { SANDBOX_PORT: String(sandboxPort), SANDBOX_HOST: '127.0.0.1' },
    logFile: join(runsDir, `${name}-sandbox.log`),
  });
  let api = null;
  const workerProcesses = [];
  // BENCH_API_NODE_ARGS (e.g. "--inspect=9229") passes node flags to the API, to profile it while a bench runs.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  let started = 0;
  /** Starts a worker process; answers it with `readyAt` (performance.now() when it logged that it started). */
  const startWorker = async () => {
    const n = ++started;
    // info, not warn: the worker's one sign of readiness is its "Gantry worker started" log line.
    const worker = startService(`worker-${n}`, 'dist/apps/api/src/main.js', {
      env: { ...env, APP_ROLE: 'worker', LOG_LEVEL: 'info' },
      logFile: join(runsDir, `${name}-worker-${n}.log`),
    });
    workerProcesses.push(worker);
    worker.readyAt = await readyLine(worker, 'Gantry worker started');
    return worker;
  };
  const stopWorkers = async () => {
    await Promise.all(workerProcesses.splice(0).map((w) => stopService(w)));
  };
  const stop = async () => {
    await stopWorkers();
    if (api) await stopService(api);
    await stopService(sandbox);
  };
  try {
    await waitForHttp(sandbox, `${sandboxBase}/__sandbox/health`);
    await migrate(env, join(runsDir, `${name}-migrate.log`));
    api = startService('api', 'dist/apps/api/src/main.js', { env, nodeArgs, logFile: join(runsDir, `${name}-api.log`) });
    await waitForHttp(api, `${base}/health`);
    await Promise.all(Array.from({ length: workers }, startWorker));
  } catch (error) {
    await stop();
    throw error;
  }
  const call = (method, path, body) => requestJson(method, `${base}/api/v1${path}`, { body, key: adminKey });
  await call('POST', '/plugins/shopify/activate');

  const unmeteredShops = new Map(); // shop → { depth, before }: see unmetered()
  const stack = {
    base,
    sandboxBase,
    adminKey,
    api,
    sandbox,
    databaseUrl,
    /** The API's environment, for running the CLI (e.g. `user create`) against the same database. */
    env,
    call,
    stop,
    /** The worker processes running now (APP_ROLE=worker), each with its `readyAt`. */
    workers: workerProcesses,
    /** Starts n more worker processes at once; answers them once each is ready. */
    startWorkers: (n) => Promise.all(Array.from({ length: n }, startWorker)),
    /** Stops every worker process (SIGTERM: each finishes or gives back the jobs it holds). */
    stopWorkers,

    /** A sandbox shop; answers the staff token (the merchant's own Admin API access, for seeding and reading). */
    async createShop(shop, { plan = 'standard', locations } = {}) {
      const res = await requestJson('POST', `${sandboxBase}/__sandbox/shops`, {
        body: { shop, apiKey: API_KEY, apiSecret: API_SECRET, plan, ...(locations ? { locations } : {}) },
      });
      return res.staffAccessToken;
    },

    async gql(shop, token, query, variables) {
      const body = await requestJson('POST', `${sandboxBase}/${shop}/admin/api/${VERSION}/graphql.json`, {
        body: { query, variables },
        headers: { 'x-shopify-access-token': token },
      });
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
      return body.data;
    },

    /** POST /stores/shopify → authorize URL on the sandbox → consent form → Install → our callback with the cookie. */
    async connectShop(shop) {
      const res = await fetch(`${base}/api/v1/stores/shopify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ shopDomain: shop }),
      });
      if (res.status !== 201) throw new Error(`POST /stores/shopify → ${res.status}: ${(await res.text()).slice(0, 300)}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { storeId, authorizeUrl } = await res.json();
      const html = await (await fetch(authorizeUrl)).text();
      const form = new URLSearchParams();
      for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
        form.set(
          m[1],
          m[2].replace(/&#(\d+);/g, (_s, c) => String.fromCharCode(Number(c))),
        );
      }
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no consent form on the authorize page:\n${html.slice(0, 300)}`);
      const approved = await fetch(`${sandboxBase}${action}`, { method: 'POST', body: form, redirect: 'manual' });
      if (approved.status !== 302) throw new Error(`Install → ${approved.status}`);
      const callback = await fetch(approved.headers.get('location'), { headers: { cookie }, redirect: 'manual' });
      if (callback.status !== 302) throw new Error(`OAuth callback → ${callback.status}: ${(await callback.text()).slice(0, 300)}`);
      return storeId;
    },

    /**
     * productSet through the staff token, `perProduct` variants each, every variant stocked `quantity` at each
     * location. Answers [{ sku, productId, variantId, inventoryItemId }] in sku order.
     */
    async seedVariants(shop, token, skus, { locationIds, perProduct = 100, quantity = 0, concurrency = 4 }) {
      const chunks = [];
      for (let i = 0; i < skus.length; i += perProduct) chunks.push(skus.slice(i, i + perProduct));
      // Seeding is the merchant's, not what a bench measures: the staff token's cost bucket would hold a 200,000-variant
      // catalog for minutes (productSet of 100 variants costs ~110 points of the standard plan's 100/s), so the shop is
      // unmetered while it seeds and gets its previous setting back after.
      const out = await stack.unmetered(shop, () =>
        pool(chunks, concurrency, async (chunk, p) => {
          const data = await stack.gql(
            shop,
            token,
            `mutation Seed($input: ProductSetInput!) {
          productSet(input: $input) { product { id variants(first: 250) { nodes { id sku inventoryItem { id } } } } userErrors { field message } } }`,
            {
              input: {
                title: `Bench product ${p}`,
                productOptions: [{ name: 'Size', values: chunk.map((name) => ({ name })) }],
                variants: chunk.map((sku) => ({
                  optionValues: [{ optionName: 'Size', name: sku }],
                  sku,
                  price: '10.00',
                  inventoryItem: { sku, tracked: true },
                  inventoryQuantities: locationIds.map((locationId) => ({ locationId, name: 'available', quantity })),
                })),
              },
            },
          );
          if (data.productSet.userErrors.length) throw new Error(JSON.stringify(data.productSet.userErrors));
          const productId = data.productSet.product.id;
          return data.productSet.product.variants.nodes.map((n) => ({
            sku: n.sku,
            productId,
            variantId: n.id,
            inventoryItemId: n.inventoryItem.id,
          }));
        }),
      );
      return out.flat();
    },

    /** POST /__sandbox/faults for a shop; answers the shop's faults after the patch (an empty patch reads them). */
    async faults(shop, patch = {}) {
      return (await requestJson('POST', `${sandboxBase}/__sandbox/faults`, { body: { shop, ...patch } })).faults;
    },

    /** Runs fn with the shop's cost bucket off (throttle 'off'); nested or parallel uses restore the first setting. */
    async unmetered(shop, fn) {
      let state = unmeteredShops.get(shop);
      if (!state) {
        state = { depth: 0, before: false, ready: null };
        unmeteredShops.set(shop, state);
        state.ready = stack.faults(shop).then(async (faults) => {
          state.before = faults.throttle;
          await stack.faults(shop, { throttle: 'off' });
        });
      }
      state.depth++;
      try {
        await state.ready;
        return await fn();
      } finally {
        if (--state.depth === 0) {
          unmeteredShops.delete(shop);
          await stack.faults(shop, { throttle: state.before });
        }
      }
    },

    /** One SQL statement on the bench database (seeding WMS rows in bulk, reading push outcomes). */
    async sql(text, params = []) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    },

    /**
     * Waits until the sandbox delivered every webhook for the shop and the API processed its inbox, so a measurement
     * is not charged with the webhooks that seeding caused.
     */
    async quiesce(shop, timeoutMs = 300_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const pending = (await requestJson('GET', `${sandboxBase}/__sandbox/shops/${shop}/webhook-deliveries?state=pending`)).deliveries
          .length;
        const [{ n }] = await stack.sql(
          `SELECT count(*)::int AS n FROM shopify_webhook_inbox WHERE shop_domain = $1 AND processed_at IS NULL`,
          [shop],
        );
        if (pending === 0 && n === 0) return;
        if (Date.now() > deadline)
          throw new Error(`${shop}: ${pending} webhook deliveries pending and ${n} inbox rows unprocessed after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },

    async sandboxLog(shop) {
      return (await requestJson('GET', `${sandboxBase}/__sandbox/shops/${shop}/log`)).calls;
    },
  };
  return stack;
}

/** Resolves with performance.now() once the service prints `text` on stdout; rejects when it exits first. */
function readyLine(service, text, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => done(new Error(`${service.name} did not print "${text}" within ${timeoutMs / 1000} s:\n${service.tail()}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      // Keep a tail as long as the text, so a line cut between two chunks is still found.
      seen = (seen + chunk.toString('utf8')).slice(-(text.length + 4096));
      if (seen.includes(text)) done(null, performance.now());
    };
    const onExit = ({ code, signal }) =>
      done(new Error(`${service.name} exited (${code ?? signal}) before it was ready:\n${service.tail()}`));
    const done = (error, at) => {
      clearTimeout(timer);
      service.child.stdout.off('data', onData);
      if (error) reject(error);
      else resolve(at);
    };
    service.child.stdout.on('data', onData);
    void service.exited.then(onExit);
  });
}

/** Peak RSS of a process while `fn` runs: resets VmHWM when the kernel allows, and samples VmRSS every 50 ms too. */
export async function peakRss(pid, fn) {
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  let hwmReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const before = kb(status(), 'VmRSS');
  let sampled = before;
  const timer = setInterval(() => {
    try {
      sampled = Math.max(sampled, kb(status(), 'VmRSS'));
    } catch {
      /* exited */
    }
  }, 50);
  try {
    const result = await fn();
    const end = status();
    sampled = Math.max(sampled, kb(end, 'VmRSS'));
    const hwm = kb(end, 'VmHWM');
    return { result, beforeMb: before / 1024, peakMb: (hwmReset ? Math.max(hwm, sampled) : sampled) / 1024, hwmReset };
  } finally {
    clearInterval(timer);
  }
}
