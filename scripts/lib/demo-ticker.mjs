// The demo's heartbeat, so the admin has something live to show: every ~20 s a small stock movement of a demo product
// in a warehouse mapped to the demo shop (Gantry pushes the new stock to Shopify), every ~60 s a customer order placed
// on the demo shop with the staff token (Shopify's orders/create webhook brings it into Gantry). It never throws: a
// failed tick is reported in one short line (the same failure once, until a tick succeeds again) and the next tick
// runs as planned. Each tick makes something new, so a restarted demo simply carries on.

const STOCK_EVERY_MS = 20_000;
const ORDER_EVERY_MS = 60_000;
// The first order sooner than a full interval: a visitor who just opened the admin sees one arrive.
const FIRST_ORDER_AFTER_MS = 30_000;
// Below this many available in the warehouse, a tick restocks instead of counting some away.
const LOW_STOCK = 8;
const REQUEST_TIMEOUT_MS = 15_000;

const CUSTOMERS = [
  { firstName: 'Ada', lastName: 'Lovelace', city: 'Springfield', zip: '12345' },
  { firstName: 'Grace', lastName: 'Hopper', city: 'Arlington', zip: '22201' },
  { firstName: 'Alan', lastName: 'Turing', city: 'Portland', zip: '97201' },
  { firstName: 'Katherine', lastName: 'Johnson', city: 'Hampton', zip: '23666' },
  { firstName: 'Edsger', lastName: 'Dijkstra', city: 'Austin', zip: '78701' },
];

const ORDER_CREATE = `mutation DemoOrder($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { id name } userErrors { field message } }
}`;
const SHOP_VARIANTS = `query DemoVariants { shop { currencyCode } productVariants(first: 50) { nodes { id sku inventoryQuantity } } }`;

/** A failure in a few words: fetch's own message says little without its cause's code. */
function describe(error) {
  if (!(error instanceof Error)) return String(error).slice(0, 140);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause?.code ?? error.cause?.message;
  return (cause ? `${error.message}: ${cause}` : error.message).slice(0, 140);
}

const pick = (items) => items[Math.floor(Math.random() * items.length)];
const between = (low, high) => low + Math.floor(Math.random() * (high - low + 1));

/**
 * Starts both timers; `stop()` clears them and aborts what is in flight. `skus` are the demo's products (only they
 * move); `log` gets the short failure lines.
 */
export function startTicker({ apiUrl, key, sandboxUrl, shop, shopToken, version, storeId, skus, log = () => {} }) {
  const aborter = new AbortController();
  const timers = new Set();
  let stopped = false;
  let orders = 0;

  const request = async (url, { method = 'GET', headers = {}, body } = {}) => {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 120)}`);
    return text ? JSON.parse(text) : null;
  };
  const api = (method, path, body) => request(`${apiUrl}/api/v1${path}`, { method, body, headers: { authorization: `Bearer ${key}` } });
  const shopify = async (query, variables) => {
    const answer = await request(`${sandboxUrl}/${shop}/admin/api/${version}/graphql.json`, {
      method: 'POST',
      headers: { 'x-shopify-access-token': shopToken },
      body: { query, variables },
    });
    if (answer.errors) throw new Error(`Shopify GraphQL: ${JSON.stringify(answer.errors).slice(0, 120)}`);
    return answer.data;
  };

  /** A receipt or a count in a warehouse the shop's locations are mapped to, so the change shows on Shopify. */
  async function moveStock() {
    const mappings = await api('GET', `/stores/${storeId}/location-mappings`);
    const warehouses = [...new Set(mappings.map((m) => m.warehouseId))];
    if (warehouses.length === 0) throw new Error(`the demo shop's locations are not mapped to any warehouse`);
    const warehouseId = pick(warehouses);
    const sku = pick(skus);
    const [level] = await api('GET', `/stock/levels?warehouseId=${warehouseId}&sku=${encodeURIComponent(sku)}`);
    const available = level?.available ?? 0;
    // Orders keep taking stock: a low level gets a delivery, otherwise goods in and count corrections alternate.
    const movement =
      available < LOW_STOCK
        ? { type: 'receipt', quantity: between(10, 20), reference: 'demo ticker: restock' }
        : Math.random() < 0.5
          ? { type: 'receipt', quantity: between(1, 3), reference: 'demo ticker: goods in' }
          : { type: 'adjustment', quantity: -between(1, 2), reference: 'demo ticker: count' };
    await api('POST', '/stock/movements', { ...movement, sku, warehouseId });
  }

  /** A storefront-like order of one or two demo variants the shop has in stock, paid, to be shipped. */
  async function placeOrder() {
    const data = await shopify(SHOP_VARIANTS);
    const inStock = data.productVariants.nodes.filter((v) => skus.includes(v.sku) && (v.inventoryQuantity ?? 0) >= 2);
    if (inStock.length === 0) throw new Error('no demo product in stock on the shop yet');
    const lines = [...inStock].sort(() => Math.random() - 0.5).slice(0, between(1, Math.min(2, inStock.length)));
    const customer = pick(CUSTOMERS);
    const email = `${customer.firstName}.${customer.lastName}@example.com`.toLowerCase();
    const currencyCode = data.shop.currencyCode;
    const result = await shopify(ORDER_CREATE, {
      order: {
        email,
        customer: { toUpsert: { email, firstName: customer.firstName, lastName: customer.lastName } },
        shippingAddress: {
          firstName: customer.firstName,
          lastName: customer.lastName,
          address1: `${between(1, 999)} Main St`,
          city: customer.city,
          zip: customer.zip,
          countryCode: 'US',
        },
        // orderCreate's requiresShipping defaults to false: a storefront order's physical lines say true.
        lineItems: lines.map((v) => ({ variantId: v.id, quantity: between(1, 2), requiresShipping: true })),
        shippingLines: [{ title: 'Standard shipping', priceSet: { shopMoney: { amount: '4.90', currencyCode } } }],
        financialStatus: 'PAID',
        tags: ['gantry-demo'],
        sourceName: 'web',
      },
      options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY', sendReceipt: false, sendFulfillmentReceipt: false },
    });
    const { userErrors } = result.orderCreate;
    if (userErrors.length > 0)
      throw new Error(
        `orderCreate refused: ${userErrors
          .map((e) => e.message)
          .join('; ')
          .slice(0, 120)}`,
      );
    orders++;
  }

  /** Runs `work` every `everyMs` (first after `firstMs`), never two at once, reporting a failure once until it clears. */
  function every(name, work, everyMs, firstMs = everyMs) {
    let lastFailure = '';
    const run = async () => {
      if (stopped) return;
      try {
        await work();
        lastFailure = '';
      } catch (error) {
        if (stopped) return;
        const message = describe(error);
        if (message !== lastFailure) log(`Ticker: ${name} failed (${message}); trying again in ${everyMs / 1000} s`);
        lastFailure = message;
      }
      schedule(everyMs);
    };
    const schedule = (ms) => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void run();
      }, ms);
      timers.add(timer);
    };
    schedule(firstMs);
  }

  every('stock movement', moveStock, STOCK_EVERY_MS);
  every('new order', placeOrder, ORDER_EVERY_MS, FIRST_ORDER_AFTER_MS);

  return {
    /** How many orders this run placed. */
    get orders() {
      return orders;
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      aborter.abort();
    },
  };
}

export const TICKER_EVERY = { stockSeconds: STOCK_EVERY_MS / 1000, orderSeconds: ORDER_EVERY_MS / 1000 };
