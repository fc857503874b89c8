// npm run demo: one command from a fresh checkout to a running Gantry with demo data. Starts PostgreSQL and Redis
// when none listens here (an embedded PostgreSQL, a private redis-server; data under .data/), builds if needed,
// creates and migrates the database, starts the Shopify sandbox (its state kept in .data/sandbox-state.json, so a
// restart finds every shop and token again) and the API+worker (which also serves the built admin at /admin), seeds
// both sides idempotently, prints where everything is, keeps the story moving (demo-ticker.mjs: stock movements and
// new shop orders; DEMO_TICKER=0 turns it off), and runs until Ctrl-C / SIGTERM. Binds 127.0.0.1 unless HOST /
// SANDBOX_HOST say otherwise. Never reads stdin.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  databaseName,
  ensureDatabase,
  ensureInfra,
  hasPreSplitSchema,
  where,
} from './lib/infra.mjs';
import { connectShop, DEMO_JOOR, mapAndSync, seedJoor } from './lib/demo-story.mjs';
import { startTicker, TICKER_EVERY } from './lib/demo-ticker.mjs';
import { startService, stopService, waitForHttp } from './lib/services.mjs';

const DATABASE_URL = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
// Redis may move to a private port when the demo starts its own redis-server.
let REDIS_URL = process.env.REDIS_URL || DEFAULT_REDIS_URL;
const PORT = Number(process.env.PORT || 3000);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 4100);
// Loopback unless told otherwise: the demo's admin key and the sandbox's any-credentials API are nothing to expose.
const HOST = process.env.HOST || '127.0.0.1';
const SANDBOX_HOST = process.env.SANDBOX_HOST || '127.0.0.1';
const DATA_DIR = join(ROOT, '.data');
const SANDBOX_STATE_FILE = process.env.SANDBOX_STATE_FILE || join(DATA_DIR, 'sandbox-state.json');
// 127.0.0.1, not localhost: the sandbox listens on IPv4 and localhost may resolve to ::1 first.
const API_URL = `http://127.0.0.1:${PORT}`;
const SANDBOX_URL = process.env.SHOPIFY_SANDBOX_URL || `http://127.0.0.1:${SANDBOX_PORT}`;
const DEMO_SHOP = 'gantry-demo.myshopify.com';
// Seeded with the same products but left unconnected: the visitor connects it through the admin.
const SECOND_SHOP = 'gantry-demo-2.myshopify.com';
const VERSION = process.env.SHOPIFY_API_VERSION || '2026-07';
// The sandbox's app: any credentials do, as long as sandbox and API agree (the demo prints them).
const SHOPIFY_API_KEY = process.env.SHOPIFY_API_KEY || 'gantry-demo-app';
const SHOPIFY_API_SECRET = process.env.SHOPIFY_API_SECRET || 'gantry-demo-secret';
const SANDBOX_SMTP_PORT = Number(process.env.SANDBOX_SMTP_PORT || 2525);
// The ticker keeps stock moving and orders arriving; DEMO_TICKER=0 leaves the demo still (for recordings, or tests).
const TICKER_ON = process.env.DEMO_TICKER !== '0';

const WAREHOUSES = [
  { code: 'MAIN', name: 'Main warehouse', process: { code: 'MAIN-SHIP', name: 'Main: ship to customer' } },
  { code: 'EAST', name: 'East warehouse', process: { code: 'EAST-SHIP', name: 'East: ship to customer' } },
];
const PRODUCTS = [
  { sku: 'DEMO-TEE-S', barcode: '4006381333931', name: 'Demo tee, small', stock: { MAIN: 40, EAST: 10 } },
  { sku: 'DEMO-TEE-M', barcode: '4006381333948', name: 'Demo tee, medium', stock: { MAIN: 55, EAST: 12 } },
  { sku: 'DEMO-TEE-L', barcode: '4006381333955', name: 'Demo tee, large', stock: { MAIN: 30, EAST: 0 } },
  { sku: 'DEMO-MUG', barcode: '4006381333962', name: 'Demo mug', stock: { MAIN: 120, EAST: 60 } },
  { sku: 'DEMO-CAP', barcode: '4006381333979', name: 'Demo cap', stock: { MAIN: 25, EAST: 25 } },
];

const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message) => {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
};

/** A stable admin key across restarts: env first, else one generated once and kept (0600) under .cache/demo. */
function adminKey() {
  if (process.env.BOOTSTRAP_ADMIN_KEY) return process.env.BOOTSTRAP_ADMIN_KEY;
  const dir = join(ROOT, '.cache', 'demo');
  const file = join(dir, 'admin-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = `gk_demo_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

const DEMO_ADMIN_EMAIL = 'admin@example.com';

/** A stable demo password across restarts, kept (0600) under .cache/demo beside the admin key. */
function demoPassword() {
  const file = join(ROOT, '.cache', 'demo', 'admin-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(ROOT, '.cache', 'demo'), { recursive: true });
  const password = randomBytes(15).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}

/** The demo's admin sign-in, made once with `cli user create` (the password piped in); a rerun finds it there. */
function ensureDemoAdmin(env) {
  const password = demoPassword();
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'dist/apps/api/src/cli.js'), 'user', 'create', '--email', DEMO_ADMIN_EMAIL, '--role', 'admin'],
    { cwd: ROOT, env: { ...process.env, ...env }, input: `${password}\n`, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status === 0 || /exists/.test(result.stderr ?? '')) {
    return { email: DEMO_ADMIN_EMAIL, password };
  }
  process.stderr.write(`(the demo admin sign-in could not be created: ${(result.stderr || result.error?.message || '').trim()})\n`);
  return null;
}

async function call(base, method, path, { body, headers } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Warehouse data through the public API, each step skipped when already there: reruns change nothing. */
async function seedGantry(key) {
  const api = (method, path, body) => call(`${API_URL}/api/v1`, method, path, { body, headers: { authorization: `Bearer ${key}` } });
  const existing = await api('GET', '/warehouses');
  const ids = {};
  for (const w of WAREHOUSES) {
    const found = existing.find((e) => e.code === w.code);
    ids[w.code] = (found ?? (await api('POST', '/warehouses', { code: w.code, name: w.name }))).id;
    const processes = await api('GET', `/shipping-processes?warehouseId=${ids[w.code]}`);
    if (!processes.some((p) => p.code === w.process.code)) {
      await api('POST', '/shipping-processes', { ...w.process, warehouseId: ids[w.code] });
    }
  }
  let received = 0;
  for (const p of PRODUCTS) {
    const [found] = await api('GET', `/products?sku=${encodeURIComponent(p.sku)}`);
    if (!found) await api('POST', '/products', { sku: p.sku, barcode: p.barcode, name: p.name });
    for (const [code, quantity] of Object.entries(p.stock)) {
      const [level] = await api('GET', `/stock/levels?warehouseId=${ids[code]}&sku=${encodeURIComponent(p.sku)}`);
      // Opening stock only once: a level that moved (even to 0) belongs to whoever moved it.
      if (quantity > 0 && !level) {
        await api('POST', '/stock/movements', {
          type: 'receipt',
          sku: p.sku,
          warehouseId: ids[code],
          quantity,
          reference: 'demo opening stock',
        });
        received++;
      }
    }
  }
  return { warehouses: WAREHOUSES.length, products: PRODUCTS.length, received };
}

/**
 * A shop in the sandbox with the warehouse's SKUs (stock 0 at its first location; stock sync fills it), made or found
 * again. An app that the kept sandbox state knows with another secret (SHOPIFY_API_SECRET changed) takes the new one:
 * the API signs with it.
 */
async function seedSandbox(shop, say) {
  const body = { shop, apiKey: SHOPIFY_API_KEY, apiSecret: SHOPIFY_API_SECRET, plan: 'standard' };
  let res = await fetch(`${SANDBOX_URL}/__sandbox/shops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status === 409) {
    say(`The sandbox knew app ${SHOPIFY_API_KEY} with another secret: replacing it with SHOPIFY_API_SECRET`);
    res = await fetch(`${SANDBOX_URL}/__sandbox/shops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, replaceSecret: true }),
    });
  }
  if (!res.ok) throw new Error(`could not create ${shop} in the sandbox: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const { staffAccessToken: token } = await res.json();
  const gql = async (query, variables) => {
    const data = await call(SANDBOX_URL, 'POST', `/${shop}/admin/api/${VERSION}/graphql.json`, {
      body: { query, variables },
      headers: { 'x-shopify-access-token': token },
    });
    if (data.errors) throw new Error(`sandbox GraphQL: ${JSON.stringify(data.errors).slice(0, 300)}`);
    return data.data;
  };
  const existing = await gql('{ productVariants(first: 50) { nodes { sku } } }');
  const have = new Set(existing.productVariants.nodes.map((n) => n.sku));
  const location = (await gql('{ locations(first: 1) { nodes { id } } }')).locations.nodes[0].id;
  const groups = [
    { title: 'Demo tee', skus: PRODUCTS.filter((p) => p.sku.startsWith('DEMO-TEE')) },
    { title: 'Demo mug', skus: PRODUCTS.filter((p) => p.sku === 'DEMO-MUG') },
    { title: 'Demo cap', skus: PRODUCTS.filter((p) => p.sku === 'DEMO-CAP') },
  ];
  let created = 0;
  for (const group of groups.filter((g) => g.skus.some((p) => !have.has(p.sku)))) {
    const data = await gql(
      `mutation Seed($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { field message } } }`,
      {
        input: {
          title: group.title,
          status: 'ACTIVE',
          productOptions: [{ name: 'Variant', values: group.skus.map((p) => ({ name: p.sku })) }],
          variants: group.skus.map((p) => ({
            optionValues: [{ optionName: 'Variant', name: p.sku }],
            sku: p.sku,
            barcode: p.barcode,
            price: '19.00',
            inventoryItem: { sku: p.sku, tracked: true },
            inventoryQuantities: [{ locationId: location, name: 'available', quantity: 0 }],
          })),
        },
      },
    );
    if (data.productSet.userErrors.length) throw new Error(`sandbox productSet: ${JSON.stringify(data.productSet.userErrors)}`);
    created++;
  }
  return { created, token };
}

/** The demo mug's inventory on the demo shop, as a visitor would ask for it with curl. */
const MUG_QUERY = '{ productVariants(first: 1, query: "sku:DEMO-MUG") { nodes { sku inventoryQuantity } } }';

/** Until the shop shows stock for the demo mug (the first push after stock sync is enabled), at most `ms`. */
async function waitForShopStock(token, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const body = await call(SANDBOX_URL, 'POST', `/${DEMO_SHOP}/admin/api/${VERSION}/graphql.json`, {
      body: { query: MUG_QUERY },
      headers: { 'x-shopify-access-token': token },
    });
    if ((body.data?.productVariants.nodes[0]?.inventoryQuantity ?? 0) > 0) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/** A shell-quoted argument (single quotes). */
const shq = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

async function main() {
  // Fail fast and clearly on missing infrastructure, before building or spawning anything. What does not listen on
  // this machine is started here (and stopped with the demo).
  let infra = { stop: async () => {} };
  const stopInfra = () => infra.stop().catch((error) => process.stderr.write(`✖ stopping PostgreSQL/Redis: ${error.message}\n`));
  try {
    infra = await ensureInfra({ databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, dataDir: DATA_DIR, log: say });
    REDIS_URL = infra.redisUrl;
    let created = await ensureDatabase(DATABASE_URL);
    // Demo data only: a database from 0.1 (before each lib owned its migrations) is made again rather than refused.
    if (!created && (await hasPreSplitSchema(DATABASE_URL))) {
      say(`Database ${databaseName(DATABASE_URL)} has the 0.1 schema: recreating it for the demo`);
      created = await ensureDatabase(DATABASE_URL, { recreate: true });
    }
    say(
      created
        ? `Created database ${databaseName(DATABASE_URL)} on ${where(DATABASE_URL)}`
        : `Using database ${databaseName(DATABASE_URL)} on ${where(DATABASE_URL)}`,
    );
    ensureBuilt(say);
  } catch (error) {
    await stopInfra();
    fail(error.message);
  }

  const key = adminKey();
  const env = {
    NODE_ENV: 'demo',
    DATABASE_URL,
    REDIS_URL,
    PORT: String(PORT),
    HOST,
    APP_ROLE: 'all',
    APP_URL: process.env.APP_URL || API_URL,
    SHOPIFY_SANDBOX_URL: SANDBOX_URL,
    SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET,
    SHOPIFY_API_VERSION: VERSION,
    BOOTSTRAP_ADMIN_KEY: key,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };

  const services = [];
  let demo = { storeId: '', joorStoreId: '', shopToken: '', secondToken: '' };
  let stopping = false;
  let ticker = null;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping …');
    // The ticker first: nothing new is sent to services that are going away.
    ticker?.stop();
    // API first, so it stops calling the sandbox before the sandbox goes away (and saves its state); the database last.
    for (const s of [...services].reverse()) await stopService(s);
    await stopInfra();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  say('Running migrations …');
  const migrate = startService('migrate', 'dist/apps/api/src/cli.js', { env, args: ['migrate'] });
  services.push(migrate);
  const migrated = await migrate.exited;
  services.pop();
  if (migrated.code !== 0) {
    process.stderr.write('\n✖ migrations failed (see the output above)\n');
    await shutdown(1);
    return;
  }
  const signIn = ensureDemoAdmin(env);

  const watch = (service) =>
    void service.exited.then(({ code, signal }) => {
      if (!stopping) {
        process.stderr.write(`\n✖ ${service.name} exited unexpectedly (${code ?? signal})\n`);
        void shutdown(1);
      }
    });

  try {
    const sandbox = startService('sandbox', 'dist/apps/sandbox/src/main.js', {
      env: {
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_HOST,
        SANDBOX_SMTP_PORT: String(SANDBOX_SMTP_PORT),
        SANDBOX_STATE_FILE,
        SHOPIFY_API_VERSION: VERSION,
      },
    });
    services.push(sandbox);
    watch(sandbox);
    await waitForHttp(sandbox, `${SANDBOX_URL}/__sandbox/health`, 30_000);
    // The SMTP receiver moves to a free port when the default one is taken: the API is told where it is.
    const { smtpPort } = await call(SANDBOX_URL, 'GET', '/__sandbox/health');
    env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    env.JOOR_API_URL = `${SANDBOX_URL}/joor/v2`;
    demo.smtpPort = smtpPort;

    const api = startService('api', 'dist/apps/api/src/main.js', { env });
    services.push(api);
    watch(api);
    await waitForHttp(api, `${API_URL}/health`, 60_000);

    const gantry = await seedGantry(key);
    const shop = await seedSandbox(DEMO_SHOP, say);
    const second = await seedSandbox(SECOND_SHOP, say);
    say(
      `Seeded: ${gantry.warehouses} warehouses, ${gantry.products} products (${gantry.received} opening receipts this run); sandbox shops ${DEMO_SHOP} and ${SECOND_SHOP} (${shop.created + second.created} products created this run)`,
    );
    const storeId = await connectShop({ apiUrl: API_URL, key, sandboxUrl: SANDBOX_URL, shop: DEMO_SHOP, say });
    const mapped = await mapAndSync({ apiUrl: API_URL, key, storeId });
    say(`Connected ${DEMO_SHOP} (store ${storeId}): ${mapped.locations} locations mapped, ${mapped.mapped} products mapped, stock sync on`);
    say('Waiting for the first stock push to reach the shop …');
    if (!(await waitForShopStock(shop.token, 90_000))) say('  (not yet: JOOR orders short of stock are tried again at every run)');
    const joor = await seedJoor({
      apiUrl: API_URL,
      key,
      sandboxUrl: SANDBOX_URL,
      shop: DEMO_SHOP,
      shopToken: shop.token,
      version: VERSION,
      shopifyStoreId: storeId,
    });
    demo = { ...demo, storeId, joorStoreId: joor.storeId, shopToken: shop.token, secondToken: second.token };
    say(
      `JOOR account ${DEMO_JOOR.account} linked (store ${joor.storeId}): ${joor.orders} approved orders (${joor.seeded} seeded this run), export started`,
    );
  } catch (error) {
    process.stderr.write(`\n✖ ${error.message}\n`);
    await shutdown(1);
    return;
  }

  const open = (host) => (host === '127.0.0.1' || host === 'localhost' || host === '::1' ? 'this machine only' : 'every interface');
  const graphql = `${SANDBOX_URL}/${DEMO_SHOP}/admin/api/${VERSION}/graphql.json`;
  say(`
Gantry demo is running (Ctrl-C to stop; run it again and everything is still there)

  API              ${API_URL}/api/v1   (listening on ${HOST}:${PORT}: ${open(HOST)}; HOST=0.0.0.0 opens it)
  API docs         ${API_URL}/docs   (the OpenAPI JSON: ${API_URL}/docs/json)
  Admin            ${API_URL}/admin
                   ${signIn ? `sign in with ${signIn.email} / ${signIn.password}` : 'sign-in not available (see above): use the API key below with the API'}
  Health           ${API_URL}/health
  Admin API key    ${key}   (Authorization: Bearer …, for curl and scripts)
  Shopify store    ${demo.storeId}  (${DEMO_SHOP}, connected, mapped, stock sync on)
  JOOR store       ${demo.joorStoreId}  (exports: ${API_URL}/api/v1/exports?storeId=${demo.joorStoreId})

  Sandbox          ${SANDBOX_URL}   (listening on ${SANDBOX_HOST}:${SANDBOX_PORT}: ${open(SANDBOX_HOST)}; GET / lists what it answers)
  Sandbox app      key ${SHOPIFY_API_KEY}   secret ${SHOPIFY_API_SECRET}
  Staff token      ${demo.shopToken}   (${DEMO_SHOP}: act as its merchant on the Admin API)
  Second shop      ${SECOND_SHOP}   (same products, not connected: yours to connect through the admin,
                   Stores → + Add Store → ${SECOND_SHOP}; the sandbox's consent page stands in for Shopify's)
                   staff token ${demo.secondToken}
  Caught mail      ${SANDBOX_URL}/__sandbox/mail   (SMTP on 127.0.0.1:${demo.smtpPort}; the JOOR alert digest: one order has a JOOR-only style)
  Sandbox state    ${SANDBOX_STATE_FILE}   (delete it, and the database, to start afresh)
  Ticker           ${
    TICKER_ON
      ? `on: every ${TICKER_EVERY.stockSeconds} s a stock movement (pushed to the shop), every ${TICKER_EVERY.orderSeconds} s a new order
                   on ${DEMO_SHOP} (imported by webhook); DEMO_TICKER=0 turns it off`
      : 'off (DEMO_TICKER=0): nothing moves until you move it'
  }

Try:
  curl -i -H "Authorization: Bearer ${key}" "${API_URL}/api/v1/stock/levels?limit=20"
  (an array, one page: X-Total-Count counts every level; X-Next-Cursor, when present, is the next page's ?cursor=)

  curl -s ${graphql} \\
    -H 'X-Shopify-Access-Token: ${demo.shopToken}' -H 'Content-Type: application/json' \\
    -d ${shq(JSON.stringify({ query: MUG_QUERY }))}
  (the demo mug's stock on the shop, as Gantry pushed it)
`);
  if (TICKER_ON && !stopping) {
    ticker = startTicker({
      apiUrl: API_URL,
      key,
      sandboxUrl: SANDBOX_URL,
      shop: DEMO_SHOP,
      shopToken: demo.shopToken,
      version: VERSION,
      storeId: demo.storeId,
      skus: PRODUCTS.map((p) => p.sku),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
