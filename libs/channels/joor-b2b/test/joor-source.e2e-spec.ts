import { ChannelAdapterException, ChannelErrorCode, StoreConnectionService, StoreService, type ChannelContext } from '@gantry/core';
import { JoorApiClient, JoorApiConfig, JoorChannelAdapter, JoorOrderMapper } from '@gantry/joor-b2b';
import { uniq } from '@gantry/testing';
import {
  activateJoor,
  createJoorAccount,
  exampleOrder,
  joorLog,
  sandboxCall,
  sandboxOrder,
  seedOrder,
  setFaults,
  startJoorEnv,
  type JoorTestEnv,
} from './joor-test.env';

/** The adapter's refusal of a call, for assertions on its code. */
async function refusal(call: Promise<unknown>): Promise<ChannelAdapterException> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelAdapterException);
    return error as ChannelAdapterException;
  }
  throw new Error('expected the call to fail');
}

describe('JOOR as a wholesale order source (against the sandbox)', () => {
  let env: JoorTestEnv;
  let adapter: JoorChannelAdapter;
  // JOOR order ids are global in the sandbox: every test takes its own range.
  let nextOrderId = 5_000_000;

  beforeAll(async () => {
    env = await startJoorEnv();
    adapter = env.t.app.get(JoorChannelAdapter);
    await activateJoor(env);
  });
  afterAll(() => env.close());

  /** A JOOR account on the sandbox and its connected store; returns the store's adapter context. */
  async function joorStore(rateLimit?: { credits: number; windowSeconds: number }): Promise<{ account: string; ctx: ChannelContext }> {
    const account = uniq('joor');
    const apiToken = await createJoorAccount(env, account, rateLimit);
    const store = await env.t.app
      .get(StoreConnectionService)
      .connect({ pluginKey: 'joor-b2b', externalAccountId: account, name: account, credentials: { apiToken } });
    return { account, ctx: await env.t.app.get(StoreService).contextFor(store.id) };
  }

  async function seedApproved(account: string, count: number, change: Record<string, unknown> = {}): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const orderId = String(nextOrderId++);
      await seedOrder(env, account, exampleOrder({ order_id: orderId, status: 'APPROVED', ...change }));
      ids.push(orderId);
    }
    return ids;
  }

  it('pages approved, not yet exported orders in fifties (120 → 50, 50, 20) and never marks one', async () => {
    const { account, ctx } = await joorStore();
    const approved = await seedApproved(account, 120);
    await seedOrder(env, account, exampleOrder({ order_id: String(nextOrderId++), status: 'PENDING' }));

    const pages: { ids: string[]; next: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.pendingOrders(ctx, cursor);
      expect(page.rejected).toEqual([]);
      pages.push({ ids: page.items.map((o) => o.externalId), next: page.nextCursor });
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(pages.map((p) => [p.ids.length, p.next])).toEqual([
      [50, '50'],
      [50, '100'],
      [20, null],
    ]);
    expect(pages.flatMap((p) => p.ids)).toEqual(approved);
    const calls = await joorLog(env, account);
    expect(calls.map((c) => c.query)).toEqual(
      ['0', '50', '100'].map((start) => ({ order_type: '6', export_status: '2', sync: '0', count: '50', start_from: start })),
    );
    expect(calls.flatMap((c) => c.marked)).toEqual([]);
    for (const id of [approved[0], approved[77], approved[119]]) {
      expect(await sandboxOrder(env, id)).toMatchObject({ exportState: 'NOT_ATTEMPTED', timesMarked: 0 });
    }
    // A peek again finds them all still pending.
    expect((await adapter.pendingOrders(ctx, null)).items).toHaveLength(50);
  });

  it('reads the example order through JOOR as the mapper reads it, whatever its export state; null for an unknown one', async () => {
    const { account, ctx } = await joorStore();
    const [id] = await seedApproved(account, 1);

    const order = await adapter.readOrder(ctx, id);

    expect(order).toEqual(JoorOrderMapper.toWholesaleOrder(exampleOrder({ order_id: id })));
    await adapter.markExported(ctx, id);
    expect((await adapter.readOrder(ctx, id))?.externalId).toBe(id);
    expect(await adapter.readOrder(ctx, '999999999')).toBeNull();
    // Another account's order is unknown to this one.
    const other = await joorStore();
    expect(await adapter.readOrder(other.ctx, id)).toBeNull();
    expect((await joorLog(env, account)).filter((c) => c.path.startsWith('/joor/v2/order/')).flatMap((c) => c.marked)).toEqual([]);
  });

  it('marks exactly the order it names, once: a second mark is a no-op, and the order leaves the pending list', async () => {
    const { account, ctx } = await joorStore();
    const [first, middle, last] = await seedApproved(account, 3);

    await adapter.markExported(ctx, middle);

    expect(await sandboxOrder(env, middle)).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
    for (const id of [first, last]) {
      expect(await sandboxOrder(env, id)).toMatchObject({ exportState: 'NOT_ATTEMPTED', timesMarked: 0 });
    }
    const [mark] = (await joorLog(env, account)).slice(-1);
    expect(mark).toMatchObject({
      path: '/joor/v2/orders',
      query: { sync: '1', order_type: '6', order_id: middle, count: '1', check: '0' },
      marked: [middle],
      credits: 1,
    });

    await adapter.markExported(ctx, middle);
    expect(await sandboxOrder(env, middle)).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
    expect((await joorLog(env, account)).slice(-1)[0]).toMatchObject({ returned: [], marked: [] });

    expect((await adapter.pendingOrders(ctx, null)).items.map((o) => o.externalId)).toEqual([first, last]);
  });

  it('marks an order JOOR’s own field check would fail (check=0): it is on the sink already, so it must not show Failed', async () => {
    const { account, ctx } = await joorStore();
    const [id] = await seedApproved(account, 1);
    await sandboxCall(env, 'POST', `/__sandbox/joor/orders/${id}/fail-validation`, { description: 'payment_method_code missing' });

    await adapter.markExported(ctx, id);

    expect(await sandboxOrder(env, id)).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
  });

  it('repeats a mark whose outcome was unknown (5xx) safely: the order ends marked once', async () => {
    const { account, ctx } = await joorStore();
    const [id] = await seedApproved(account, 1);
    await setFaults(env, account, { errorRate: 1 });

    const failed = await refusal(adapter.markExported(ctx, id));
    expect(failed.code).toBe(ChannelErrorCode.TEMPORARY);
    expect(failed.message).toMatch(/HTTP 50\d/);

    await setFaults(env, account, { errorRate: 0 });
    await adapter.markExported(ctx, id);
    expect(await sandboxOrder(env, id)).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
  });

  it('answers 429 as RATE_LIMITED with JOOR’s Retry-After, from its credit window and from a throttle', async () => {
    const { account, ctx } = await joorStore({ credits: 2, windowSeconds: 300 });
    await adapter.pendingOrders(ctx, null);
    await adapter.readOrder(ctx, '1');

    const limited = await refusal(adapter.pendingOrders(ctx, null));
    expect(limited.code).toBe(ChannelErrorCode.RATE_LIMITED);
    const [call] = (await joorLog(env, account)).slice(-1);
    expect(call).toMatchObject({ status: 429, credits: 0 });
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(300_000);
    expect(limited.retryAfterMs! % 1000).toBe(0);

    const other = await joorStore();
    await setFaults(env, other.account, { throttle: true });
    const throttled = await refusal(adapter.markExported(other.ctx, '1'));
    expect(throttled.code).toBe(ChannelErrorCode.RATE_LIMITED);
    expect(throttled.retryAfterMs).toBeGreaterThan(0);
  });

  it('answers a token JOOR refuses as AUTH_REVOKED on every call', async () => {
    const { ctx } = await joorStore();
    const revoked: ChannelContext = { ...ctx, credentials: { apiToken: 'a-token-joor-never-issued' } };

    for (const call of [adapter.pendingOrders(revoked, null), adapter.readOrder(revoked, '1'), adapter.markExported(revoked, '1')]) {
      expect((await refusal(call)).code).toBe(ChannelErrorCode.AUTH_REVOKED);
    }
    expect((await refusal(adapter.pendingOrders({ ...ctx, credentials: {} }, null))).code).toBe(ChannelErrorCode.AUTH_REVOKED);
  });

  it('answers 5xx and a JOOR that does not answer in time as TEMPORARY', async () => {
    const { account, ctx } = await joorStore();
    await setFaults(env, account, { errorRate: 1 });
    expect((await refusal(adapter.pendingOrders(ctx, null))).code).toBe(ChannelErrorCode.TEMPORARY);
    expect((await refusal(adapter.readOrder(ctx, '1'))).code).toBe(ChannelErrorCode.TEMPORARY);

    await setFaults(env, account, { errorRate: 0, latencyMs: 400 });
    const impatient = new JoorChannelAdapter(new JoorApiClient(new JoorApiConfig(env.joorUrl, 100)));
    const timedOut = await refusal(impatient.pendingOrders(ctx, null));
    expect(timedOut.code).toBe(ChannelErrorCode.TEMPORARY);
    expect(timedOut.message).toMatch(/did not answer within 0.1 s/);
    await setFaults(env, account, { latencyMs: 0 });
  });

  it('refuses a cursor that is not one of its own', async () => {
    const { ctx } = await joorStore();
    expect((await refusal(adapter.pendingOrders(ctx, 'abc'))).code).toBe(ChannelErrorCode.INVALID_DATA);
  });
});
