/* eslint-disable @typescript-eslint/no-explicit-any -- dynamic JSON bodies */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@gantry/core';
import { AppProcess, ensureBuilt, until, within } from '@gantry/testing';
import { ShopifyHoldingProxy } from '../../../libs/channels/shopify/test/shopify-holding.proxy';
import { API_KEY, API_SECRET } from '../../../libs/channels/shopify/test/shopify-test.env';
import {
  executedCreates,
  exportRuns,
  exportsOf,
  joorLog,
  joorOrder,
  joorState,
  seedJoorOrder,
  setupWholesale,
  shopifyLog,
  shopifyOrdersByIdentity,
  shopifyOrdersOf,
  startWholesaleEnvWith,
  type WholesaleEnv,
  type WholesaleFixture,
} from './wholesale-export.fixture';

jest.setTimeout(300_000);

const ORDERS = 40;
// The order whose orderCreate answer is held (Shopify created it) when its worker is killed.
const KILLED_AT_CREATE = '8020';
// The order whose mark on JOOR is held (before JOOR sees it) when its worker is killed, after Shopify created it.
const KILLED_AT_MARK = '8041';

/**
 * Between the workers and JOOR: passes every call through; armed, it keeps the next matching call from JOOR and never
 * answers it (the worker waits until it is killed).
 */
class JoorHoldingProxy {
  private readonly seen: string[] = [];
  private armed: { match: (url: URL) => boolean; resolve: (path: string) => void } | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<JoorHoldingProxy> {
    const holder: { proxy?: JoorHoldingProxy } = {};
    const server = createServer((req, res) => {
      holder.proxy?.forward(req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.proxy = new JoorHoldingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, target);
    return holder.proxy;
  }

  /** Resolves with the path of the next matching call; JOOR never receives it. */
  next(match: (url: URL) => boolean): Promise<string> {
    return new Promise((resolve) => {
      this.armed = { match, resolve };
    });
  }

  disarm(): void {
    this.armed = null;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    this.seen.push(path);
    const armed = this.armed;
    if (armed && armed.match(new URL(path, 'http://joor.invalid'))) {
      this.armed = null;
      armed.resolve(path);
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
        headers.set(name, value);
      }
    }
    const answer = await fetch(`${this.target}${path}`, { method: req.method ?? 'GET', headers, redirect: 'manual' });
    const text = await answer.text();
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) {
        out[name] = value;
      }
    });
    res.writeHead(answer.status, out);
    res.end(text);
  }
}

const identityOf = (f: WholesaleFixture, orderId: string): string => `joor-b2b:${f.account}:${orderId}:1`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The export's orderCreate for one identity, as the request body carries it. */
const createOf = (identity: string): RegExp => new RegExp(`mutation ExportOrderCreate[\\s\\S]*"sourceIdentifier":"${escape(identity)}"`);
const markOf =
  (orderId: string) =>
  (url: URL): boolean =>
    url.pathname === '/joor/v2/orders' && url.searchParams.get('sync') === '1' && url.searchParams.get('order_id') === orderId;

/**
 * Workers are killed with SIGKILL at the two worst moments of an export, reached by events (a held answer, a held
 * call), not by timers: after Shopify created the order and before the worker heard of it, and after the order was
 * recorded as created and before JOOR was told. The replacement must find the first order by its identity (never
 * create it again) and mark the second; every other order is exported and marked exactly once.
 */
describe('wholesale export: workers killed with SIGKILL between orderCreate and its record, and before the mark', () => {
  let env: WholesaleEnv;
  let shopify: ShopifyHoldingProxy;
  let joor: JoorHoldingProxy;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    // The API runs here; exports run only in the worker processes, which reach Shopify and JOOR through the proxies.
    env = await startWholesaleEnvWith({ worker: false });
    shopify = await ShopifyHoldingProxy.start(env.sandboxUrl);
    joor = await JoorHoldingProxy.start(env.sandboxUrl);
  });

  afterAll(async () => {
    shopify?.disarm();
    joor?.disarm();
    await Promise.all(workers.map((w) => w.stop()));
    await shopify?.close();
    await joor?.close();
    await env?.close();
  });

  const startWorker = async (): Promise<AppProcess> => {
    const worker = await AppProcess.start('worker', {
      SHOPIFY_SANDBOX_URL: shopify.url,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      APP_URL: process.env.APP_URL as string,
      JOOR_API_URL: `${joor.url}/joor/v2`,
      SMTP_URL: process.env.SMTP_URL as string,
    });
    workers.push(worker);
    return worker;
  };

  const requestRun = async (f: WholesaleFixture): Promise<void> => {
    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.joorStoreId}/joor-sync`).expect(202);
  };

  const allDone = (f: WholesaleFixture, count: number, timeoutMs: number) =>
    until(
      () => exportsOf(env, f),
      (rows) => rows.length === count && rows.every((e) => e.status === 'exported' && e.markedAt !== null),
      `${count} exports exported and marked`,
      timeoutMs,
    );

  const row = async (identity: string): Promise<any> => {
    const [found] = await env.t.dataSource.query<any[]>(
      `SELECT state, sent_at AS "sentAt", sink_order_id AS "sinkOrderId", marked_at AS "markedAt", attempts FROM wholesale_export WHERE identity = $1`,
      [identity],
    );
    return found;
  };

  it('leaves exactly one Shopify order per JOOR order, each marked once', async () => {
    const first = await startWorker();
    const f = await setupWholesale(env, 'crash');
    const variants = Object.values(f.bulk.variants);
    const ids = Array.from({ length: ORDERS }, (_, i) => String(8001 + i));
    for (const [i, id] of ids.entries()) {
      await seedJoorOrder(env, f, joorOrder(id, [{ variant: variants[i % variants.length] ?? null, quantity: 1 }]));
    }

    // 1. Killed after Shopify executed one orderCreate, before the worker heard of it.
    const killedIdentity = identityOf(f, KILLED_AT_CREATE);
    const heldCreate = shopify.next(createOf(killedIdentity), 'hold');
    await requestRun(f);
    const request = await within(
      heldCreate,
      60_000,
      () => `no orderCreate of ${KILLED_AT_CREATE} within 60 s; worker log:\n${first.log().slice(-3000)}`,
    );
    const createdId = (request.answer as any)?.data?.orderCreate?.order?.id as string;
    expect(createdId).toMatch(/^gid:\/\/shopify\/Order\//);
    await first.kill();
    // Shopify has it; the dead worker had only written down that it was sending.
    expect(await row(killedIdentity)).toMatchObject({ state: 'in_flight', sinkOrderId: null, markedAt: null, attempts: 1 });
    expect((await row(killedIdentity)).sentAt).not.toBeNull();
    expect((await shopifyOrdersByIdentity(env, f, killedIdentity)).map((o) => o.id)).toEqual([createdId]);
    expect((await joorState(env, KILLED_AT_CREATE)).exportState).toBe('NOT_ATTEMPTED');

    const second = await startWorker();
    // The lease of the killed worker's claims ends, the replacement looks the order up by identity and adopts it.
    const exported = await allDone(f, ORDERS, 150_000);
    const killed = exported.find((e) => e.sourceOrderId === KILLED_AT_CREATE);
    expect(killed).toMatchObject({ status: 'exported', attempts: 1, sinkOrder: { id: createdId } });
    // No second orderCreate for that identity (nor for any other) reached Shopify.
    for (const id of ids) {
      expect({ id, creates: shopify.count(createOf(identityOf(f, id))) }).toEqual({ id, creates: 1 });
    }
    expect(executedCreates(await shopifyLog(env, f.shop))).toBe(ORDERS);
    // The run that adopted it says so (a run records its items when it ends).
    const outcomes = await until(
      async () => {
        const runs = await exportRuns(env, f);
        const items = await Promise.all(
          runs.map(async (r: any) => (await env.t.http().get(`/api/v1/sync-runs/${r.id}`).expect(200)).body.items as any[]),
        );
        return items.flat().filter((i) => i.externalRef === KILLED_AT_CREATE);
      },
      (found) => found.length > 0,
      `the run item of order ${KILLED_AT_CREATE}`,
    );
    expect(outcomes.map((i) => i.outcome)).toEqual(['adopted']);

    // 2. Killed after the order was created and recorded, while its mark on JOOR was on the way (JOOR never got it).
    await seedJoorOrder(env, f, joorOrder(KILLED_AT_MARK, [{ variant: f.cap.variants['Default Title'] ?? null, quantity: 1 }]));
    const heldMark = joor.next(markOf(KILLED_AT_MARK));
    await requestRun(f);
    await within(heldMark, 60_000, () => `no mark of ${KILLED_AT_MARK} within 60 s; worker log:\n${second.log().slice(-3000)}`);
    await second.kill();
    const markIdentity = identityOf(f, KILLED_AT_MARK);
    const beforeMark = await row(markIdentity);
    expect(beforeMark).toMatchObject({ state: 'exported', markedAt: null });
    expect((await shopifyOrdersByIdentity(env, f, markIdentity)).map((o) => o.id)).toEqual([beforeMark.sinkOrderId]);
    expect(await joorState(env, KILLED_AT_MARK)).toMatchObject({ exportState: 'NOT_ATTEMPTED', timesMarked: 0 });

    await startWorker();
    // The dead worker's lease would make the mark wait; a run that reads JOOR finds the order still unmarked there and
    // makes the mark due at once.
    await requestRun(f);
    const all = await allDone(f, ORDERS + 1, 120_000);
    expect(all.find((e) => e.sourceOrderId === KILLED_AT_MARK)?.sinkOrder.id).toBe(beforeMark.sinkOrderId);
    expect(shopify.count(createOf(markIdentity))).toBe(1);
    expect(executedCreates(await shopifyLog(env, f.shop))).toBe(ORDERS + 1);

    // Every JOOR order: exactly one Shopify order (live, with its identity), exported and marked on JOOR once.
    for (const id of [...ids, KILLED_AT_MARK]) {
      const orders = await shopifyOrdersOf(env, f, id);
      expect({ id, orders: orders.map((o) => [o.sourceIdentifier, o.cancelledAt]) }).toEqual({
        id,
        orders: [[identityOf(f, id), null]],
      });
      const state = await joorState(env, id);
      expect({ id, state: state.exportState, marked: state.timesMarked }).toEqual({ id, state: 'SUCCESS', marked: 1 });
    }
    const marked = (await joorLog(env, f.account)).flatMap((c) => c.marked);
    expect(marked.sort()).toEqual([...ids, KILLED_AT_MARK].sort());
  });
});
