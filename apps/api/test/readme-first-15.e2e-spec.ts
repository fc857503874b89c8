import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@gantry/core';
import { makeProduct, makeShippingProcess, makeWarehouse, receive } from '@gantry/testing';
import { createShop, gql, startShopifyEnv, type ShopifyTestEnv } from '../../../libs/channels/shopify/test/shopify-test.env';

jest.setTimeout(180_000);

const run = promisify(execFile);
const SHOP = 'gantry-demo-2.myshopify.com';

/** The README's "First 15 minutes" block, as a newcomer would paste it. */
function firstFifteenBlock(): string {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const match = /<!-- first-15:begin -->\s*```bash\n([\s\S]*?)```\s*<!-- first-15:end -->/.exec(readme);
  if (!match?.[1]) {
    throw new Error('README.md has no first-15 block');
  }
  return match[1];
}

/**
 * Runs the README's "First 15 minutes" commands verbatim against a fresh app and sandbox set up as `npm run demo` leaves
 * them (warehouses, products with stock, a second shop not connected), then checks what they claim.
 */
describe('README: First 15 minutes', () => {
  let env: ShopifyTestEnv;
  let dir: string;

  beforeAll(async () => {
    env = await startShopifyEnv();
    dir = mkdtempSync(join(tmpdir(), 'first15-'));
  });

  afterAll(async () => {
    await env.sandbox.webhooks.idle();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects, maps, syncs stock to the shop and brings an order in, as the README says', async () => {
    const warehouse = await makeWarehouse(env.t, { code: 'MAIN', name: 'Main warehouse' });
    await makeShippingProcess(env.t, warehouse.id);
    await makeProduct(env.t, { sku: 'DEMO-MUG', barcode: '4006381333962', name: 'Demo mug' });
    await receive(env.t, 'DEMO-MUG', warehouse.id, 120);
    const token = await createShop(env, SHOP, { plan: 'standard' });
    const location = (await gql(env, SHOP, token, '{ locations(first: 1) { nodes { id } } }')).data.locations.nodes[0].id as string;
    const seeded = await gql(
      env,
      SHOP,
      token,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { userErrors { message } } }`,
      {
        input: {
          title: 'Demo mug',
          status: 'ACTIVE',
          productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
          variants: [
            {
              optionValues: [{ optionName: 'Title', name: 'Default Title' }],
              sku: 'DEMO-MUG',
              barcode: '4006381333962',
              price: '12.00',
              inventoryItem: { sku: 'DEMO-MUG', tracked: true },
              inventoryQuantities: [{ locationId: location, name: 'available', quantity: 0 }],
            },
          ],
        },
      },
    );
    expect(seeded.data.productSet.userErrors).toEqual([]);

    const script = join(dir, 'first15.sh');
    writeFileSync(script, firstFifteenBlock());
    const { stdout } = await run('bash', ['-euo', 'pipefail', script], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        API: `${env.t.url.replace('[::1]', '127.0.0.1')}/api/v1`,
        SANDBOX: env.sandboxUrl,
        KEY: env.t.keys[Role.ADMIN],
        TOKEN: token,
      },
      timeout: 150_000,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      // The transcript says which step broke.
      throw new Error(`${error.message}\n--- stdout ---\n${error.stdout ?? ''}\n--- stderr ---\n${error.stderr ?? ''}`);
    });

    expect(stdout).toContain('callback: 302');
    expect(stdout).toContain('store gantry-demo-2: connected');
    const levels = /warehouse available (\d+), Shopify (\d+)/.exec(stdout);
    expect(levels?.[1]).toBe('127');
    expect(levels?.[2]).toBe('127');
    expect(stdout).toContain('{"status":"open","lines":[{"sku":"DEMO-MUG","quantity":2}]}');
  });
});
