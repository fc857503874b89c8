/* eslint-disable @typescript-eslint/no-explicit-any -- dynamic JSON bodies */
import { Role } from '@gantry/core';
import { until } from '@gantry/testing';
import type { HeldRequest } from '../../../libs/channels/shopify/test/shopify-holding.proxy';
import { sandboxPost } from '../../../libs/channels/shopify/test/shopify-test.env';
import {
  allShopifyOrders,
  executedCreates,
  exportRuns,
  exportsOf,
  joorControl,
  joorLog,
  joorOrder,
  joorState,
  outcomeTotals,
  seedJoorOrder,
  setupWholesale,
  shopifyFaults,
  shopifyLog,
  shopifyOrdersByIdentity,
  shopifyOrdersOf,
  startWholesaleEnvWith,
  type WholesaleEnv,
} from './wholesale-export.fixture';

jest.setTimeout(240_000);

const ORDERS = 30;
// Answers of executed orderCreate calls lost on the way back (after Shopify created the order).
const LOST_ANSWERS = 3;
// Shopify's injected 5xx and resets stop after this many (event-bounded, so an order cannot run out of attempts by chance).
const SHOPIFY_FAULTS = 12;
const THROTTLED_CALLS = 15;
const CREATE = /mutation ExportOrderCreate/;

/** The order id in an orderCreate answer that Shopify executed, or null (a 503 or a THROTTLED answer). */
const createdIn = (held: HeldRequest): string | null => ((held.answer as any)?.data?.orderCreate?.order?.id as string | undefined) ?? null;

/**
 * Both ends fail at once: JOOR answers 429 (a credit window of 8 per 2 s) and 5xx (a fifth of the calls, half of the
 * failed marks after JOOR marked), Shopify throttles every call for a while and fails a fifth with 5xx or a reset
 * (before executing), and the answers of three executed orderCreate calls are lost on the way back. The scheduler
 * retries what is due. Every approved order ends up on Shopify exactly once and marked on JOOR exactly once.
 */
describe('wholesale export: 429s, 5xx, throttling and lost answers on both ends', () => {
  let env: WholesaleEnv;

  beforeAll(async () => {
    env = await startWholesaleEnvWith({ worker: true, proxy: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('exports every approved order exactly once and marks it once, whatever failed on the way', async () => {
    const proxy = env.proxy!;
    const f = await setupWholesale(env, 'faulty');
    const ids = Array.from({ length: ORDERS }, (_, i) => String(7001 + i));
    const variants = Object.values(f.bulk.variants);
    for (const [i, id] of ids.entries()) {
      const lines = Array.from({ length: 1 + (i % 5) }, (_, j) => ({
        variant: variants[(i + j * 7) % variants.length] ?? null,
        quantity: 1 + ((i + j) % 2),
      }));
      await seedJoorOrder(env, f, joorOrder(id, lines));
    }

    const limited = await sandboxPost(env, '/__sandbox/joor/accounts', {
      account: f.account,
      apiToken: f.apiToken,
      rateLimit: { credits: 8, windowSeconds: 2 },
    });
    expect(limited.rateLimit).toEqual({ credits: 8, windowSeconds: 2 });
    await joorControl(env, '/faults', { account: f.account, errorRate: 0.2 });
    await shopifyFaults(env, f.shop, { errorRate: 0.2, throttle: true });
    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.joorStoreId}/joor-sync`).expect(202);

    // Throttled until the engine has run into it often enough; then the answers of three created orders get lost.
    await until(
      () => shopifyLog(env, f.shop),
      (calls) => calls.filter((c) => c.throttled).length >= THROTTLED_CALLS,
      `${THROTTLED_CALLS} throttled Shopify calls`,
      60_000,
    );
    const lost: string[] = [];
    const dropping = (async () => {
      while (lost.length < LOST_ANSWERS) {
        const created = createdIn(await proxy.next(CREATE, 'drop'));
        if (created) {
          lost.push(created);
        }
      }
    })();
    await shopifyFaults(env, f.shop, { throttle: false });
    await until(
      () => shopifyLog(env, f.shop),
      (calls) => calls.filter((c) => c.fault !== null).length >= SHOPIFY_FAULTS && lost.length >= LOST_ANSWERS,
      `${SHOPIFY_FAULTS} injected Shopify faults and ${LOST_ANSWERS} lost answers`,
      90_000,
    );
    await dropping;
    await shopifyFaults(env, f.shop, { errorRate: 0 });

    // JOOR keeps failing until the end: every export is created and marked all the same.
    const done = await until(
      () => exportsOf(env, f),
      (rows) => rows.length === ORDERS && rows.every((e) => e.status === 'exported' && e.markedAt !== null),
      'every export exported and marked',
      150_000,
    );
    await joorControl(env, '/faults', { account: f.account, errorRate: 0 });

    // Exactly one export per order, and per order exactly one (live) Shopify order, found by tag and by identity.
    expect(done.map((e) => e.sourceOrderId).sort()).toEqual(ids);
    expect(done.every((e) => e.generation === 1 && e.failure === null)).toBe(true);
    for (const id of ids) {
      const identity = `joor-b2b:${f.account}:${id}:1`;
      const tagged = await shopifyOrdersOf(env, f, id);
      expect({ id, tagged: tagged.map((o) => [o.sourceIdentifier, o.cancelledAt]) }).toEqual({ id, tagged: [[identity, null]] });
      const found = (await shopifyOrdersByIdentity(env, f, identity)).filter((o) => o.sourceIdentifier === identity);
      expect(found.map((o) => o.id)).toEqual([tagged[0]?.id]);
      expect(done.find((e) => e.sourceOrderId === id)?.sinkOrder.id).toBe(tagged[0]?.id);
      const joor = await joorState(env, id);
      expect({ id, state: joor.exportState, marked: joor.timesMarked }).toEqual({ id, state: 'SUCCESS', marked: 1 });
    }
    const all = await allShopifyOrders(env, f);
    expect(all).toHaveLength(ORDERS);
    expect(new Set(all.map((o) => o.sourceIdentifier)).size).toBe(ORDERS);
    // The lost answers' orders are the ones the engine found again by identity.
    for (const orderId of lost) {
      expect(all.map((o) => o.id)).toContain(orderId);
    }

    // What happened on the way: Shopify executed exactly one orderCreate per order, whatever was sent.
    const calls = await shopifyLog(env, f.shop);
    expect(executedCreates(calls)).toBe(ORDERS);
    expect(calls.filter((c) => c.throttled).length).toBeGreaterThanOrEqual(THROTTLED_CALLS);
    expect(calls.filter((c) => c.fault === 'http_503' || c.fault === 'connection_reset').length).toBeGreaterThanOrEqual(SHOPIFY_FAULTS);
    const joorCalls = await joorLog(env, f.account);
    expect(joorCalls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    expect(joorCalls.filter((c) => c.status >= 500).length).toBeGreaterThan(0);
    // JOOR marked each order once, by the engine's own per-order call.
    const marked = joorCalls.flatMap((c) => c.marked);
    expect(marked.sort()).toEqual(ids);

    // The runs recorded it: unknown outcomes (looked up before any resend), waits (throttled, rate-limited), and the
    // lost answers adopted from Shopify rather than created again.
    const runs = await until(
      () => exportRuns(env, f),
      (all) => all.every((r) => r.status !== 'running'),
      'the last runs to record their items',
    );
    const totals = outcomeTotals(runs);
    expect(totals.unknown ?? 0).toBeGreaterThanOrEqual(LOST_ANSWERS);
    expect(totals.waiting ?? 0).toBeGreaterThan(0);
    expect(totals.adopted ?? 0).toBe(LOST_ANSWERS);
    // Every orderCreate sent beyond one per order was one Shopify failed before executing: an unknown outcome that the
    // lookup did not find, so it was sent again. The lost answers were unknown too, and found.
    expect(proxy.count(CREATE) - ORDERS).toBe((totals.unknown ?? 0) - LOST_ANSWERS);
    expect((totals.marked ?? 0) + (totals.adopted ?? 0) + (totals.exported ?? 0)).toBeGreaterThanOrEqual(ORDERS);
    const items = (
      await Promise.all(runs.map(async (r: any) => (await env.t.http().get(`/api/v1/sync-runs/${r.id}`).expect(200)).body.items as any[]))
    ).flat();
    const unknown = items.filter((i) => i.outcome === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(items.some((i) => i.outcome === 'waiting' && /throttled/i.test(String(i.reason)))).toBe(true);
  });
});
