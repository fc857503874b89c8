// The demo's story, after the seed: the demo shop connected through Shopify's OAuth (the sandbox's consent page walked
// as a browser would), its locations mapped, products synced and stock sync on; a JOOR account linked to it with
// approved orders, one of them bound to fail (a JOOR-only style) so the alert mail shows. Every step is idempotent.

/** A small JSON client of one base URL; `cookie` is kept for the OAuth round trip. */
function client(base, headers = {}) {
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

/**
 * Connects the shop unless a connected store has it and its token still works (the sandbox keeps its state across
 * restarts; a state file deleted since would leave the store connected with a token the sandbox no longer knows):
 * POST /stores/shopify, consent page, Install, callback with the cookie. Reconnecting keeps the store's id and mappings.
 */
export async function connectShop({ apiUrl, key, sandboxUrl, shop, say = () => {} }) {
  const api = client(`${apiUrl}/api/v1`, { authorization: `Bearer ${key}` });
  const existing = (await api('GET', '/stores')).find((s) => s.channel === 'shopify' && s.externalAccountId === shop);
  if (existing?.status === 'connected') {
    const works = await fetch(`${apiUrl}/api/v1/stores/${existing.id}/locations`, { headers: { authorization: `Bearer ${key}` } });
    if (works.ok) return existing.id;
    say(`The store of ${shop} no longer reaches the sandbox (${works.status}): connecting it again`);
  }
  await api('POST', '/plugins/shopify/activate');
  const start = await fetch(`${apiUrl}/api/v1/stores/shopify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ shopDomain: shop }),
  });
  if (!start.ok) throw new Error(`POST /stores/shopify answered ${start.status}: ${await start.text()}`);
  const { storeId, authorizeUrl } = await start.json();
  const cookie = start.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const html = await (await fetch(authorizeUrl)).text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      m[1],
      m[2].replace(/&#(\d+);/g, (_s, c) => String.fromCharCode(Number(c))),
    );
  }
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('the sandbox consent page has no form');
  const approved = await fetch(`${sandboxUrl}${action}`, { method: 'POST', body: form, redirect: 'manual' });
  const callback = approved.headers.get('location');
  if (approved.status !== 302 || !callback) throw new Error(`the sandbox refused the install (${approved.status})`);
  const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
  if (done.status >= 400) throw new Error(`the OAuth callback answered ${done.status}: ${await done.text()}`);
  return storeId;
}

/** Every shop location to a warehouse (the first is the default), products mapped, stock sync on (absolute, 30 s). */
export async function mapAndSync({ apiUrl, key, storeId }) {
  const api = client(`${apiUrl}/api/v1`, { authorization: `Bearer ${key}` });
  const locations = await api('GET', `/stores/${storeId}/locations`);
  const processes = await api('GET', '/shipping-processes');
  if (locations.length > 0 && processes.length > 0) {
    const mappings = locations.map((l, i) => {
      const p = processes[Math.min(i, processes.length - 1)];
      return { locationId: l.id, warehouseId: p.warehouseId, shippingProcessId: p.id, isDefault: i === 0 };
    });
    await api('PUT', `/stores/${storeId}/location-mappings`, mappings);
  }
  const sync = await api('POST', `/stores/${storeId}/product-sync`);
  await api('PATCH', `/stores/${storeId}/settings`, { stockSync: { enabled: true, mode: 'absolute', windowSeconds: 30 } });
  // On a rerun, the shop may have drifted (edited by hand, or a sandbox started without its state file): absolute mode
  // corrects what differs. 409 while stock sync is still being turned on, whose first push covers it.
  await fetch(`${apiUrl}/api/v1/stores/${storeId}/stock-reconcile`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  // A rerun finds them mapped already (unchanged).
  return { locations: locations.length, mapped: (sync.counts?.mapped ?? 0) + (sync.counts?.unchanged ?? 0) };
}

export const DEMO_JOOR = { account: 'gantry-demo-joor', apiToken: 'demo-joor-api-token-0001', alertTo: 'wholesale@gantry-demo.example' };

/** The JOOR account in the sandbox, three approved orders of the shop's variants (one with a JOOR-only style), linked in Gantry. */
export async function seedJoor({ apiUrl, key, sandboxUrl, shop, shopToken, version, shopifyStoreId }) {
  const sandbox = client(sandboxUrl);
  await sandbox('POST', '/__sandbox/joor/accounts', { account: DEMO_JOOR.account, apiToken: DEMO_JOOR.apiToken });
  const gql = client(`${sandboxUrl}/${shop}/admin/api/${version}/graphql.json`, { 'x-shopify-access-token': shopToken });
  const variants = (await gql('POST', '', { query: '{ productVariants(first: 50) { nodes { id sku } } }' })).data.productVariants.nodes;
  const upc = (sku) =>
    variants
      .find((v) => v.sku === sku)
      ?.id.split('/')
      .pop();
  const line = (name, sku, quantity, price) => ({
    item_name: name,
    item_number: sku,
    item_upc: sku === null ? '990000000001' : upc(sku),
    item_quantity: String(quantity),
    item_price: price,
    item_unit_price: price,
  });
  const orders = [
    { order_id: '700001', lines: [line('Demo tee', 'DEMO-TEE-M', 6, '9.50'), line('Demo mug', 'DEMO-MUG', 12, '4.00')] },
    { order_id: '700002', lines: [line('Demo cap', 'DEMO-CAP', 4, '7.00')] },
    { order_id: '700003', lines: [line('Sample made on JOOR', null, 2, '30.00')] },
  ];
  let seeded = 0;
  for (const o of orders) {
    const res = await fetch(`${sandboxUrl}/__sandbox/joor/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        account: DEMO_JOOR.account,
        order: {
          order_id: o.order_id,
          status: 'APPROVED',
          customer_purchase_order: `PO-${o.order_id}`,
          order_currency: 'USD',
          order_delivery_name: 'Demo linesheet',
          payment_method_name: 'Net 30',
          shipping_method_name: 'UPS Ground',
          customer_name: 'Demo Boutique',
          customer_buyer_name: 'Dana Buyer',
          company_name: 'Demo Boutique LLC',
          shipping_email: 'buyer@demo-boutique.example',
          shipping_address_1: '1 Main St',
          shipping_city: 'Springfield',
          shipping_postal_code: '12345',
          shipping_country: 'United States',
          shipping_country_iso_two: 'US',
          billing_country_iso_two: 'US',
          line_items: o.lines,
        },
      }),
    });
    // 409: seeded by an earlier run of the demo (the sandbox keeps its state), so never seeded twice.
    if (!res.ok && res.status !== 409) throw new Error(`seeding JOOR order ${o.order_id} answered ${res.status}: ${await res.text()}`);
    if (res.ok) seeded++;
  }
  const api = client(`${apiUrl}/api/v1`, { authorization: `Bearer ${key}` });
  await api('POST', '/plugins/joor-b2b/activate');
  const store = await api('POST', '/stores/joor', { name: 'JOOR wholesale (demo)', apiToken: DEMO_JOOR.apiToken, shopifyStoreId });
  await api('PATCH', `/stores/${store.id}/settings`, { alertEmails: [DEMO_JOOR.alertTo] });
  await api('POST', `/stores/${store.id}/joor-sync`);
  return { storeId: store.id, orders: orders.length, seeded };
}
