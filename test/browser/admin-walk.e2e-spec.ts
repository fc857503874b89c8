/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's GraphQL answers are dynamic JSON */
import { PluginService, Role } from '@gantry/core';
import { makeProduct, makeShippingProcess, makeWarehouse, receive, until } from '@gantry/testing';
import type { Browser, Page } from 'playwright-core';
import { UserService } from '../../apps/api/src/users/user.service';
import { createShop, gql, startShopifyEnv, type ShopifyTestEnv } from '../../libs/channels/shopify/test/shopify-test.env';
import { builtAdmin, launchBrowser, signIn, submitSignIn, screenshot, seriousAxeViolations } from '../support/browser';

jest.setTimeout(300_000);

const SHOP = 'walk-shop.myshopify.com';
const EMAIL = 'warehouse-admin@example.com';
const PASSWORD = 'correct horse battery staple';
const VIEWER_EMAIL = 'viewer@example.com';

/**
 * A warehouse admin's whole first walk through the admin, in Chromium, against the real API (PostgreSQL, Redis, the
 * worker) and the sandbox over HTTP: sign in, activate Shopify, add the store through OAuth, map two locations with one
 * default, sync products, turn stock sync on, see a stock movement reach Shopify and an order arrive, sign out. Every
 * page is checked with axe-core and photographed at a laptop and a tablet width.
 */
describe('admin in Chromium: a warehouse admin connects a Shopify store and watches it sync', () => {
  let env: ShopifyTestEnv;
  let browser: Browser;
  let page: Page;
  let token: string;
  let locations: { id: string; name: string }[];
  let mainWarehouseId: string;
  let storeId = '';

  beforeAll(async () => {
    process.env.ADMIN_DIR = await builtAdmin();
    env = await startShopifyEnv();
    // The walk activates the plugin itself.
    await env.t.app.get(PluginService).deactivate('shopify');
    await env.t.app.get(UserService).create(EMAIL, Role.ADMIN, PASSWORD);
    await env.t.app.get(UserService).create(VIEWER_EMAIL, Role.VIEWER, PASSWORD);

    const main = await makeWarehouse(env.t, { code: 'MAIN', name: 'Main warehouse' });
    const east = await makeWarehouse(env.t, { code: 'EAST', name: 'East warehouse' });
    await makeShippingProcess(env.t, main.id);
    await makeShippingProcess(env.t, east.id);
    await makeProduct(env.t, { sku: 'WALK-MUG', barcode: '4006381333931', name: 'Walk mug' });
    await receive(env.t, 'WALK-MUG', main.id, 40);
    mainWarehouseId = main.id;

    token = await createShop(env, SHOP, { plan: 'standard', locations: ['Shop floor', 'Back room'] });
    locations = (await gql(env, SHOP, token, '{ locations(first: 5) { nodes { id name } } }')).data.locations.nodes;
    const seeded = await gql(
      env,
      SHOP,
      token,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { userErrors { message } } }`,
      {
        input: {
          title: 'Walk mug',
          status: 'ACTIVE',
          productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
          variants: [
            {
              optionValues: [{ optionName: 'Title', name: 'Default Title' }],
              sku: 'WALK-MUG',
              barcode: '4006381333931',
              price: '12.00',
              inventoryItem: { sku: 'WALK-MUG', tracked: true },
              inventoryQuantities: locations.map((l) => ({ locationId: l.id, name: 'available', quantity: 0 })),
            },
          ],
        },
      },
    );
    expect(seeded.data.productSet.userErrors).toEqual([]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await env?.sandbox.webhooks.idle();
    await env?.close();
    delete process.env.ADMIN_DIR;
  });

  /** axe-core finds nothing serious on the page, and it is photographed at 1280 and 768 px. */
  async function check(name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({ page: name, violations: [] });
    await screenshot(page, name);
    await page.setViewportSize({ width: 768, height: 1024 });
    expect({ page: `${name} (768)`, violations: await seriousAxeViolations(page) }).toEqual({ page: `${name} (768)`, violations: [] });
    await screenshot(page, name);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function shopifyAvailable(locationId: string): Promise<number | null> {
    const res = await gql(
      env,
      SHOP,
      token,
      `{ productVariants(first: 1, query: "sku:WALK-MUG") { nodes { inventoryItem { inventoryLevel(locationId: "${locationId}") { quantities(names: ["available"]) { quantity } } } } } }`,
    );
    return res.data.productVariants.nodes[0]?.inventoryItem.inventoryLevel?.quantities[0]?.quantity ?? null;
  }

  it('signs in', async () => {
    await signIn(page, env.t.url, EMAIL, PASSWORD);
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    await check('stores-empty');
  });

  it('activates Shopify, with its integration guide at hand', async () => {
    await page.getByRole('link', { name: 'Plugins' }).click();
    await page.getByRole('button', { name: 'Activate Shopify', exact: true }).click();
    await page.getByRole('button', { name: 'Deactivate Shopify', exact: true }).waitFor();
    await check('plugins');
    await page.getByRole('button', { name: 'Shopify integration guide' }).click();
    await page.getByRole('dialog').waitFor();
    await check('plugins-guide');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('adds the store: the domain is checked, OAuth is walked on the consent page, and it lands on the store page', async () => {
    await page.getByRole('link', { name: 'Stores' }).click();
    await page.getByRole('button', { name: '+ Add Store' }).click();
    await page.getByRole('dialog', { name: 'Add store' }).waitFor();
    await page.getByLabel(/^Shop domain/).fill('not a shop');
    await page.getByRole('button', { name: 'Continue to Shopify' }).click();
    await page
      .getByText(/myshopify\.com/)
      .first()
      .waitFor();
    expect(page.url()).toContain('/admin/stores');
    await check('add-store');
    await page.getByLabel(/^Shop domain/).fill(SHOP);
    await page.getByRole('button', { name: 'Continue to Shopify' }).click();
    // Shopify's consent page (the sandbox's): the merchant presses Install.
    await page.waitForURL(/\/admin\/oauth\/authorize/);
    await page.getByRole('button', { name: 'Install' }).click();
    await page.waitForURL(/\/admin\/stores\/[0-9a-f-]{36}/);
    await page.getByRole('heading', { name: /walk-shop/, level: 1 }).waitFor();
    await page.getByText('connected', { exact: true }).first().waitFor();
    await check('store-overview');
  });

  it('maps two locations with one default; the API refuses a mapping without a default, on the fields', async () => {
    await page.getByRole('tab', { name: 'Locations' }).click();
    const [floor, back] = locations;
    await page.getByLabel(`Warehouse for ${floor.name}`).selectOption({ label: 'Main warehouse (MAIN)' });
    await page.getByLabel(`Warehouse for ${back.name}`).selectOption({ label: 'East warehouse (EAST)' });
    await check('locations');
    await page.getByRole('button', { name: 'Save mappings' }).click();
    await page.getByText(/Pick one mapped location as the default/).waitFor();
    await page.getByLabel(`Default for ${floor.name}`).check();
    await page.getByRole('button', { name: 'Save mappings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const mappings = await env.t
      .http()
      .get(`/api/v1/stores/${(storeId = storeIdFromUrl(page))}/location-mappings`)
      .expect(200);
    expect(mappings.body.map((m: any) => [m.isDefault, m.locationId]).sort()).toEqual(
      [
        [false, back.id],
        [true, floor.id],
      ].sort(),
    );
  });

  it('syncs products and shows the mapping', async () => {
    await page.getByRole('tab', { name: 'Products' }).click();
    await page.getByRole('button', { name: 'Sync products' }).click();
    await page.getByRole('table', { name: 'Product mappings' }).getByText('WALK-MUG').waitFor({ timeout: 60_000 });
    // The search runs on the API, over every mapping of the store.
    const search = page.getByLabel('Search mappings');
    await search.fill('no-such-sku');
    await page.getByText('No mapping matches.').waitFor();
    await search.fill('walk-mug');
    await page.getByRole('table', { name: 'Product mappings' }).getByText('WALK-MUG').waitFor();
    await page.getByText('Matches 1–1').waitFor();
    await search.fill('');
    await check('products');
  });

  it('turns stock sync on, and a stock movement reaches Shopify', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Stock sync on' }).check();
    await page.getByRole('radio', { name: 'Absolute' }).check();
    await page.getByRole('button', { name: 'Save stock sync' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    await check('settings');
    // The first push sets Shopify to the warehouse: 40 at the default location's warehouse.
    const [floor] = locations;
    await until(
      () => shopifyAvailable(floor.id),
      (n) => n === 40,
      'the first push (40 on Shopify)',
      60_000,
    );
    await env.t
      .http(Role.OPERATOR)
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: 'WALK-MUG', warehouseId: mainWarehouseId, quantity: 7 })
      .expect(201);
    await until(
      () => shopifyAvailable(floor.id),
      (n) => n === 47,
      'the movement on Shopify (47)',
      60_000,
    );
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Stock sync health' }).waitFor();
    await check('store-activity');
  });

  it('sees an order arrive from the shop', async () => {
    const variant = (await gql(env, SHOP, token, '{ productVariants(first: 1, query: "sku:WALK-MUG") { nodes { id } } }')).data
      .productVariants.nodes[0].id;
    const created = await gql(
      env,
      SHOP,
      token,
      'mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { name } userErrors { message } } }',
      { o: { email: 'walk-customer@example.com', lineItems: [{ variantId: variant, quantity: 2, requiresShipping: true }] } },
    );
    expect(created.data.orderCreate.userErrors).toEqual([]);
    const name = created.data.orderCreate.order.name as string;
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await until(
      async () => {
        await page.reload();
        await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        return page.getByText(name).count();
      },
      (count) => count > 0,
      `order ${name} on the orders page`,
      60_000,
    );
    await check('orders');
    // The search box asks the server (every order, not only the loaded page): its SKU finds it, other text does not.
    const search = page.getByRole('textbox', { name: 'Search' });
    const asked = page.waitForResponse((res) => /\/api\/v1\/orders\?.*q=walk-mug/.test(res.url()) && res.status() === 200);
    await search.fill('walk-mug');
    await asked;
    await page.getByText(name).waitFor();
    await search.fill('no-such-order-text');
    await until(
      () => page.getByText(name).count(),
      (n) => n === 0,
      `order ${name} filtered out`,
      10_000,
    );
    await search.fill('');
  });

  it("works the queue board's buttons with the admin's session: the browser marks them same-origin", async () => {
    await page.goto(`${env.t.url}/queues`);
    await page.waitForLoadState('networkidle');
    const statuses = await page.evaluate(async () => {
      const retry = () => fetch('/queues/api/queues/outbox-queue/retry/failed', { method: 'PUT' });
      return [(await retry()).status, (await fetch('/api/v1/warehouses', { method: 'POST' })).status];
    });
    // The board's button works; our own API still wants the CSRF token from the same page.
    expect(statuses).toEqual([200, 403]);
    await page.goto(`${env.t.url}/admin/stores`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });

  it('shows every other page without serious accessibility problems', async () => {
    for (const [path, name] of [
      ['/admin/activity', 'activity'],
      ['/admin/exports', 'exports'],
      ['/admin/users', 'users'],
      ['/admin/api-keys', 'api-keys'],
      ['/admin/stores', 'stores'],
    ] as const) {
      await page.goto(`${env.t.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await check(name);
    }
    await page.getByRole('table', { name: 'Stores' }).getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page
      .getByRole('link', { name: /run started/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Items' }).waitFor();
    await check('sync-run');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Gantry' }).waitFor();
    await page.goto(`${env.t.url}/admin/stores`);
    await page.waitForURL(/\/admin\/sign-in/);
  });

  it("shows a viewer the store's settings without a form, and the API refuses the viewer's change", async () => {
    await submitSignIn(page, VIEWER_EMAIL, PASSWORD);
    await page.waitForURL(/\/admin\/stores$/);
    await page.goto(`${env.t.url}/admin/stores/${storeId}/settings`);
    await page.getByRole('table', { name: 'Stock sync settings' }).waitFor();
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.getByRole('button', { name: '+ Add Store' }).count()).toBe(0);
    await check('settings-viewer');
    await page.getByRole('tab', { name: 'Locations' }).click();
    await page.getByRole('table', { name: 'Location mappings' }).waitFor();
    expect(await page.getByRole('combobox').count()).toBe(0);
    // The hidden form is not the guard: the API refuses the viewer's session too, CSRF token and all.
    const status = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1/stores/${id}/settings`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ stockSync: { enabled: false } }),
      });
      return res.status;
    }, storeId);
    expect(status).toBe(403);
  });
});

function storeIdFromUrl(page: Page): string {
  const id = /\/admin\/stores\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) {
    throw new Error(`not on a store page: ${page.url()}`);
  }
  return id;
}
