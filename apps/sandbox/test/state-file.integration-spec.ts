/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxServer } from '../src/sandbox.server';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = join(ROOT, 'dist', 'apps', 'sandbox', 'src', 'main.js');
const VERSION = '2026-07';
const SHOP = 'restart.myshopify.com';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** The built sandbox (`npm run sandbox`) as its own process, with a state file. */
class SandboxProcess {
  private output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(stateFile: string): Promise<SandboxProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [ENTRY], {
      cwd: ROOT,
      env: {
        ...process.env,
        SANDBOX_PORT: String(port),
        SANDBOX_SMTP_PORT: '0',
        SANDBOX_STATE_FILE: stateFile,
        SHOPIFY_API_VERSION: VERSION,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sandbox = new SandboxProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`sandbox exited with ${child.exitCode}:\n${sandbox.log}`);
      }
      try {
        if ((await fetch(`${sandbox.url}/__sandbox/health`)).ok) {
          return sandbox;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`sandbox not ready within 30 s:\n${sandbox.log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get log(): string {
    return this.output;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  gql(token: string, query: string, variables?: unknown) {
    return this.call('POST', `/${SHOP}/admin/api/${VERSION}/graphql.json`, { query, variables }, { 'x-shopify-access-token': token });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    this.child.kill(signal);
    return this.exited;
  }
}

describe('SANDBOX_STATE_FILE: the state survives a restart', () => {
  let dir: string;
  let running: SandboxProcess | null = null;

  beforeAll(() => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) {
      throw new Error(`build failed: ${built.stderr}`);
    }
  }, 300_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  });
  afterEach(async () => {
    await running?.stop('SIGKILL');
    running = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps shops, apps, tokens (staff and OAuth), products and JOOR across SIGTERM and a new start', async () => {
    const file = join(dir, 'nested', 'sandbox-state.json');
    running = await SandboxProcess.start(file);
    const first = running;
    const created = await first.call('POST', '/__sandbox/shops', { shop: SHOP, apiKey: 'restart-app', apiSecret: 'restart-secret' });
    expect(created.status).toBe(201);
    const staff = created.body.staffAccessToken as string;
    const location = (await first.gql(staff, '{ locations(first: 1) { nodes { id } } }')).body.data.locations.nodes[0].id;
    const product = await first.gql(
      staff,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { message } } }`,
      {
        input: {
          title: 'Restart mug',
          productOptions: [{ name: 'Variant', values: [{ name: 'RESTART-MUG' }] }],
          variants: [
            {
              optionValues: [{ optionName: 'Variant', name: 'RESTART-MUG' }],
              sku: 'RESTART-MUG',
              price: '4.00',
              inventoryItem: { sku: 'RESTART-MUG', tracked: true },
              inventoryQuantities: [{ locationId: location, name: 'available', quantity: 9 }],
            },
          ],
        },
      },
    );
    expect(product.body.data.productSet.userErrors).toEqual([]);
    // An app installed through OAuth, as Gantry connects a store: its token must work after the restart too.
    const params = new URLSearchParams({
      client_id: 'restart-app',
      scope: 'read_products,write_inventory',
      redirect_uri: 'http://127.0.0.1:3999/cb',
      state: 'x',
    });
    const { callbackUrl } = (
      await first.call('POST', '/__sandbox/oauth/approve', {
        authorizeUrl: `${first.url}/${SHOP}/admin/oauth/authorize?${params.toString()}`,
      })
    ).body;
    const code = new URL(callbackUrl as string).searchParams.get('code');
    const token = await first.call('POST', `/${SHOP}/admin/oauth/access_token`, {
      client_id: 'restart-app',
      client_secret: 'restart-secret',
      code,
    });
    const appToken = token.body.access_token as string;
    expect(appToken).toMatch(/^shpat_/);
    expect((await first.call('POST', '/__sandbox/joor/accounts', { account: 'restart-joor', apiToken: 'restart-joor-token' })).status).toBe(
      201,
    );

    // Saved within ~2 s of a change, without waiting for the stop.
    const deadline = Date.now() + 5000;
    while (!(existsSync(file) && readFileSync(file, 'utf8').includes('restart-joor')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(file, 'utf8')).toContain('restart-joor');

    // A change right before SIGTERM is saved on the way out.
    const item = (await first.gql(staff, '{ productVariants(first: 1) { nodes { inventoryItem { id } } } }')).body.data.productVariants
      .nodes[0].inventoryItem.id as string;
    const set = await first.gql(
      staff,
      `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "restart-1") { userErrors { message } } }`,
      {
        input: {
          name: 'available',
          reason: 'correction',
          quantities: [{ inventoryItemId: item, locationId: location, quantity: 17, changeFromQuantity: 9 }],
        },
      },
    );
    expect(set.body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // Written through a temporary file renamed over the old one: nothing else is left in the folder.
    expect(readdirSync(join(dir, 'nested'))).toEqual(['sandbox-state.json']);

    running = await SandboxProcess.start(file);
    const second = running;
    expect(second.log).toContain(`state restored from ${file} (1 shop)`);
    const variants = await second.gql(appToken, '{ productVariants(first: 5) { nodes { sku inventoryQuantity } } }');
    expect(variants.status).toBe(200);
    expect(variants.body.data.productVariants.nodes).toEqual([{ sku: 'RESTART-MUG', inventoryQuantity: 17 }]);
    expect((await second.gql(staff, '{ shop { myshopifyDomain } }')).body.data.shop.myshopifyDomain).toBe(SHOP);
    // The app and its secret are still there: the same call is idempotent, another secret is refused.
    const again = await second.call('POST', '/__sandbox/shops', { shop: SHOP, apiKey: 'restart-app', apiSecret: 'restart-secret' });
    expect(again).toEqual({ status: 200, body: { shop: SHOP, staffAccessToken: staff, created: false } });
    expect((await second.call('POST', '/__sandbox/shops', { shop: SHOP, apiKey: 'restart-app', apiSecret: 'other' })).status).toBe(409);
    // JOOR too: the account exists with its token (the same call is not a new account).
    expect(
      (await second.call('POST', '/__sandbox/joor/accounts', { account: 'restart-joor', apiToken: 'restart-joor-token' })).status,
    ).toBe(200);
    // New ids do not collide with the restored ones.
    const more = await second.gql(staff, `mutation { productCreate(product: { title: "After restart" }) { product { id } } }`);
    expect(more.body.data.productCreate.product.id).not.toBe(product.body.data.productSet.product.id);
  }, 120_000);

  it('SIGINT saves too, and a file that is not a state stops the start with its name', async () => {
    const file = join(dir, 'state.json');
    running = await SandboxProcess.start(file);
    await running.call('POST', '/__sandbox/shops', { shop: SHOP, apiKey: 'k', apiSecret: 's' });
    expect(await running.stop('SIGINT')).toEqual({ code: 0, signal: null });
    running = null;
    expect(JSON.parse(readFileSync(file, 'utf8')).store.shops[SHOP].domain).toBe(SHOP);

    writeFileSync(file, '{"half": ');
    await expect(SandboxProcess.start(file)).rejects.toThrow(`state file ${file} is not JSON`);
  }, 60_000);

  it('in process: caught mail is kept, and a state saved by /__sandbox/state/save is read', async () => {
    const file = join(dir, 'state.json');
    const a = createSandboxServer({ smtpPort: null, stateFile: file, stateSaveIntervalMs: 10 });
    a.mailbox.add({ id: '1', from: 'a@x', to: ['b@x'], subject: 'kept', text: 'hi', receivedAt: new Date().toISOString() });
    a.store.createShop({ shop: SHOP, apiKey: 'k', apiSecret: 's' });
    await a.close();
    const b = createSandboxServer({ smtpPort: null, stateFile: file });
    expect(b.restoredShops).toBe(1);
    expect(b.mailbox.list().map((m) => m.subject)).toEqual(['kept']);
    await b.close();

    const plain = join(dir, 'plain.json');
    b.store.save(plain);
    const c = createSandboxServer({ smtpPort: null, stateFile: plain });
    expect(c.store.shop(SHOP)?.domain).toBe(SHOP);
    await c.close();
  });
});
